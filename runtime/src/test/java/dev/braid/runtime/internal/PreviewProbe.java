package dev.braid.runtime.internal;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;

/** Creates an engine in a JVM of its own and prints why it could not, for PreviewSupportTest. */
public final class PreviewProbe {
  private PreviewProbe() {}

  public static void main(String[] args) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Probe");
    plan.step("only");
    plan.output(0);
    try {
      PipelineEngine.create(plan.build());
      System.out.println("created");
    } catch (IllegalStateException e) {
      System.out.println(e.getMessage());
    }
  }
}
