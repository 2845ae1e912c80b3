package dev.braid.runtime;

import java.time.Duration;

/**
 * The failure of one attempt that ran past its step's {@code timeout}: the step's thread was
 * interrupted. It is retried like any other failure while attempts remain, and becomes the cause of
 * the run's {@link StepExecutionException} when none do.
 */
public final class StepTimeoutException extends BraidException {
  private final String stepName;
  private final Duration timeout;
  private final int attempt;

  public StepTimeoutException(
      String pipelineName, String stepName, Duration timeout, int attempt, int maxAttempts) {
    super(pipelineName, "Step '" + stepName + "' of pipeline '" + pipelineName + "' timed out after "
        + Durations.format(timeout) + " (attempt " + attempt + " of " + maxAttempts + ")", null);
    this.stepName = stepName;
    this.timeout = timeout;
    this.attempt = attempt;
  }

  public String stepName() {
    return stepName;
  }

  /** The limit that was exceeded. */
  public Duration timeout() {
    return timeout;
  }

  /** The attempt that timed out, starting at 1. */
  public int attempt() {
    return attempt;
  }
}
