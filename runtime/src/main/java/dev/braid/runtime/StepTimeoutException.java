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
  private final boolean waitingForSlot;

  public StepTimeoutException(
      String pipelineName, String stepName, Duration timeout, int attempt, int maxAttempts) {
    this(pipelineName, stepName, timeout, attempt, maxAttempts, false);
  }

  /**
   * @param waitingForSlot whether the attempt was still waiting for a slot of the step's
   *     concurrency cap ({@code maxConcurrent}), its code not yet called
   */
  public StepTimeoutException(String pipelineName, String stepName, Duration timeout, int attempt,
      int maxAttempts, boolean waitingForSlot) {
    super(pipelineName, "Step '" + stepName + "' of pipeline '" + pipelineName + "' timed out after "
        + Durations.format(timeout) + (waitingForSlot ? " waiting for a concurrency slot" : "")
        + " (attempt " + attempt + " of " + maxAttempts + ")"
        + (waitingForSlot ? "; raise its maxConcurrent or its timeout, or send fewer runs" : ""),
        null);
    this.stepName = stepName;
    this.timeout = timeout;
    this.attempt = attempt;
    this.waitingForSlot = waitingForSlot;
  }

  public String stepName() {
    return stepName;
  }

  /** The limit that was exceeded. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Whether the attempt timed out before its code was called, waiting for a slot of the step's
   * concurrency cap.
   */
  public boolean waitingForSlot() {
    return waitingForSlot;
  }

  /** The attempt that timed out, starting at 1. */
  public int attempt() {
    return attempt;
  }
}
