package dev.braid.runtime.logging;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.Microcents;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.Usage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Logs runs through {@link System.Logger} (logger {@code dev.braid.run}), each line starting with
 * the pipeline, the run id and, for a step, the step and attempt: {@code [TicketPipeline run
 * 3f2a… step draft#2] retrying in 180 ms after IllegalStateException: too short}.
 *
 * <p>{@code System.Logger} needs no dependency, and every logging framework plugs into it: with
 * SLF4J, add {@code slf4j-jdk-platform-logging}; with Log4j 2, {@code log4j-jdk-platform-logging}.
 * What a run does step by step is logged at {@code DEBUG}, so a production log at {@code INFO}
 * shows only retries ({@code INFO}) and runs that failed ({@code WARNING}); each line is built only
 * if its level is enabled. Thread-safe.
 */
public final class RunLog implements RunListener {
  private final Logger log;

  private RunLog(Logger log) {
    this.log = log;
  }

  /** Logs to the logger named {@code dev.braid.run}. */
  public static RunLog create() {
    return new RunLog(System.getLogger("dev.braid.run"));
  }

  /** Logs to {@code log}. */
  public static RunLog to(Logger log) {
    return new RunLog(log);
  }

  @Override
  public void runStarted(RunEvent run) {
    if (log.isLoggable(Level.DEBUG)) {
      log.log(Level.DEBUG, prefix(run) + " started, " + run.stepCount() + " steps"
          + (run.parentRunId() == null ? "" : ", child of run " + run.parentRunId()));
    }
  }

  @Override
  public void stepRetrying(StepEvent attempt, AttemptRecord failed, Duration pause) {
    if (log.isLoggable(Level.INFO)) {
      log.log(Level.INFO, prefix(attempt) + " " + failed.outcome().toString().toLowerCase()
          + "; retrying in " + pause.toMillis() + " ms" + (failed.failure() == null ? ""
              : " after " + failed.failure().getClass().getSimpleName() + ": "
                  + failed.failure().getMessage()));
    }
  }

  @Override
  public void stepEnded(StepEvent step, StepRecord record) {
    if (log.isLoggable(Level.DEBUG)) {
      log.log(Level.DEBUG, prefix(step) + " " + record.status().toString().toLowerCase()
          + (record.status().started() ? " in " + record.duration().toMillis() + " ms" : "")
          + usage(record.usage())
          + (record.status() == StepStatus.FAILED && record.failure() != null
              ? ": " + record.failure() : ""));
    }
  }

  @Override
  public void runEnded(RunEvent run, PipelineResult<?> result, @Nullable BraidException failure) {
    if (failure != null) {
      if (log.isLoggable(Level.WARNING)) {
        log.log(Level.WARNING, prefix(run) + " failed after " + result.duration().toMillis()
            + " ms" + usage(result.usage()) + ": " + failure.getMessage());
      }
    } else if (log.isLoggable(Level.DEBUG)) {
      log.log(Level.DEBUG, prefix(run) + (result.stoppedEarly()
          ? " stopped early at " + result.stoppedAt().orElseThrow() : " succeeded")
          + " in " + result.duration().toMillis() + " ms" + usage(result.usage()));
    }
  }

  private static String usage(Usage usage) {
    return usage.isNone() ? "" : ", " + usage.calls() + " model calls, " + usage.totalTokens()
        + " tokens, " + Microcents.format(usage.costMicrocents());
  }

  private static String prefix(RunEvent run) {
    return "[" + run.pipelineName() + " run " + run.runId() + "]";
  }

  private static String prefix(StepEvent step) {
    return "[" + step.pipelineName() + " run " + step.runId() + " step " + step.stepName() + "#"
        + step.attempt() + "]";
  }
}
