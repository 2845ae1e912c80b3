package dev.braid.runtime;

import java.util.Objects;

/**
 * Which step, and which of its attempts, a {@link RunListener} hears about.
 *
 * @param run the run the step belongs to
 * @param stepName the step's name
 * @param attempt the attempt, starting at 1; for {@link RunListener#stepEnded}, the last one (0
 *     when the step never ran an attempt)
 */
public record StepEvent(RunEvent run, String stepName, int attempt) {
  public StepEvent {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(stepName, "stepName");
  }

  /** The pipeline's name. */
  public String pipelineName() {
    return run.pipelineName();
  }

  /** The run's identifier. */
  public String runId() {
    return run.runId();
  }
}
