package dev.braid.runtime.internal;

import java.time.Duration;

/** Nanosecond arithmetic that saturates instead of overflowing, for durations of any size. */
final class Nanos {
  /** Stands for "no limit" in fields holding an instant on a run's {@link RunClock#nanos()} axis. */
  static final long NONE = Long.MAX_VALUE;

  private Nanos() {}

  static long of(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** {@code instant + duration}, or {@link #NONE} if that does not fit. */
  static long after(long instant, Duration duration) {
    long nanos = of(duration);
    long sum = instant + nanos;
    return ((instant ^ sum) & (nanos ^ sum)) < 0 ? NONE : sum;
  }
}
