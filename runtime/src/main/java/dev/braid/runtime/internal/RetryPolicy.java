package dev.braid.runtime.internal;

import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.StepTimeoutException;
import dev.braid.runtime.codegen.StepPlan;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.CancellationException;


/**
 * Decides whether a failed attempt is tried again, and how long to pause first: exponential
 * backoff with full jitter, capped. Immutable and thread-safe if its {@link Jitter} is.
 */
final class RetryPolicy {
  static final RetryPolicy DEFAULT = new RetryPolicy(SystemTime.INSTANCE::jitter);

  /** Picks a pause; injectable so that tests can pin it to either end of its range. */
  @FunctionalInterface
  interface Jitter {
    /** A number of nanoseconds in {@code [0, max]}; {@code max} is positive. */
    long pick(long max);
  }

  private final Jitter jitter;

  RetryPolicy(Jitter jitter) {
    this.jitter = jitter;
  }

  /** The policy whose jitter {@code time} draws: at random, or from a test's seed. */
  static RetryPolicy of(TimeSource time) {
    return time == SystemTime.INSTANCE ? DEFAULT : new RetryPolicy(time::jitter);
  }

  /**
   * Whether {@code failure}, thrown by attempt number {@code attempt}, earns another one: while
   * retries remain, for an exception (never an {@link Error}) that {@code retryOn} lists (or any,
   * if it is empty) and {@code abortOn} does not, and never for an interruption or cancellation.
   * A {@link StepTimeoutException} is retried like any exception {@code retryOn} lets through.
   */
  static boolean shouldRetry(StepPlan step, StepSettings settings, int attempt, Throwable failure) {
    if (attempt > settings.retries() || !(failure instanceof Exception) || stopsRuns(failure)) {
      return false;
    }
    for (Class<? extends Throwable> type : step.abortOn()) {
      if (type.isInstance(failure)) {
        return false;
      }
    }
    if (step.retryOn().isEmpty()) {
      return true;
    }
    for (Class<? extends Throwable> type : step.retryOn()) {
      if (type.isInstance(failure)) {
        return true;
      }
    }
    return false;
  }

  /** An interruption, a cancellation, or another run's cancel or deadline inside the step. */
  private static boolean stopsRuns(Throwable failure) {
    return failure instanceof CancellationException
        || failure instanceof RunCancelledException
        || failure instanceof RunDeadlineExceededException
        || RunClock.interruptInCauses(failure);
  }

  /**
   * The pause before retry number {@code retry} (1 for the first): a random duration between zero
   * and {@code min(maxRetryDelay, retryDelay * 2^(retry - 1))}, both included.
   */
  Duration pause(StepSettings settings, int retry) {
    long bound = bound(RunClock.nanos(settings.retryDelay()), RunClock.nanos(settings.maxRetryDelay()), retry);
    return bound <= 0 ? Duration.ZERO : Duration.ofNanos(jitter.pick(bound));
  }

  /** {@code min(cap, base * 2^(retry - 1))} without overflowing. */
  static long bound(long base, long cap, int retry) {
    int shift = retry - 1;
    if (base <= 0 || cap <= 0) {
      return 0;
    }
    if (shift >= Long.SIZE - 1 || base > (cap >> shift)) {
      return cap;
    }
    return Math.min(cap, base << shift);
  }
}
