package dev.braid.runtime.internal;

import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;

/** Decides whether a failed attempt is tried again, and waits before it. */
final class Retries {
  private Retries() {}

  /**
   * Whether {@code failure}, thrown by {@code attempt}, earns another attempt: only exceptions
   * (not errors) and never an interruption, which means the run is being cancelled.
   */
  static boolean shouldRetry(StepPlan step, int attempt, Throwable failure) {
    return attempt <= step.retries()
        && failure instanceof Exception
        && !Interruptions.causedBy(failure);
  }

  /** Sleeps the step's retry delay; false if interrupted meanwhile, with the interrupt consumed. */
  static boolean pause(StepPlan step) {
    Duration delay = step.retryDelay();
    if (delay.isZero()) {
      return !Thread.interrupted();
    }
    try {
      Thread.sleep(delay);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
