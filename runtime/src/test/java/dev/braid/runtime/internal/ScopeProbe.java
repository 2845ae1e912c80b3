package dev.braid.runtime.internal;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Creates an engine and runs a one-step pipeline in a JVM of its own, printing Braid's DEBUG log
 * and what happened, for {@link RunScopeChoiceTest}.
 */
public final class ScopeProbe {
  private ScopeProbe() {}

  public static void main(String[] args) {
    Logger log = Logger.getLogger("dev.braid.runtime");
    log.setUseParentHandlers(false);
    log.setLevel(Level.FINE);
    log.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        for (int i = 0; parameters != null && i < parameters.length; i++) {
          message = message.replace("{" + i + "}", String.valueOf(parameters[i]));
        }
        System.out.println((record.getLevel() == Level.FINE ? "DEBUG " : record.getLevel() + " ")
            + message);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    PipelinePlan.Builder plan = PipelinePlan.builder("Probe");
    plan.step("only");
    plan.output(0);
    try {
      PipelineEngine engine = PipelineEngine.create(plan.build());
      StepBody body = (outputs, context) -> "done";
      Object output = engine.execute(body).output();
      System.out.println("ran on " + RunScope.chosenMode() + ": " + output);
    } catch (IllegalStateException e) {
      System.out.println(e.getMessage());
    }
  }
}
