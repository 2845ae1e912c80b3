package dev.braid.runtime.logging;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.lang.System.Logger;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Run logs name the pipeline, run, step and attempt on every line, and stay quiet at INFO. */
@Timeout(30)
class RunLogTest {

  /** Keeps the lines at or above a level. */
  private static final class Captured implements Logger {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Level threshold;

    Captured(Level threshold) {
      this.threshold = threshold;
    }

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      lines.add(level + " " + message);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(level + " " + format);
    }
  }

  private static PipelineEngine engine(Captured log) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft").retries(1);
    plan.output(0);
    return PipelineEngine.create(plan.build(),
        PipelineConfig.builder().listener(RunLog.to(log)).build());
  }

  @Test
  void atDebugEveryLineNamesThePipelineRunAndStep() {
    Captured log = new Captured(Logger.Level.DEBUG);

    engine(log).execute((outputs, context) -> {
      if (context.attempt() == 1) {
        throw new IllegalStateException("too short");
      }
      return "ok";
    });

    assertThat(log.lines).hasSize(4);
    assertThat(log.lines.get(0)).matches("DEBUG \\[Replies run [0-9a-f-]{36}\\] started, 1 steps");
    assertThat(log.lines.get(1)).matches("INFO \\[Replies run [0-9a-f-]{36} step draft#1\\] failed;"
        + " retrying in 0 ms after IllegalStateException: too short");
    assertThat(log.lines.get(2)).matches(
        "DEBUG \\[Replies run [0-9a-f-]{36} step draft#2\\] succeeded in \\d+ ms");
    assertThat(log.lines.get(3)).matches(
        "DEBUG \\[Replies run [0-9a-f-]{36}\\] succeeded in \\d+ ms");
  }

  @Test
  void atInfoOnlyRetriesAndFailedRunsAreLogged() {
    Captured log = new Captured(Logger.Level.INFO);

    assertThrows(StepExecutionException.class, () -> engine(log).execute((outputs, context) -> {
      throw new IllegalStateException("model down");
    }));

    assertThat(log.lines).hasSize(2);
    assertThat(log.lines.get(0)).startsWith("INFO [Replies run ");
    assertThat(log.lines.get(1)).matches("WARNING \\[Replies run [0-9a-f-]{36}\\] failed after \\d+"
        + " ms: Step 'draft' of pipeline 'Replies' failed after 2 attempts: "
        + "java.lang.IllegalStateException: model down");
  }
}
