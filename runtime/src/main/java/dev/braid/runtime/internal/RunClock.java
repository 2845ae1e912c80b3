package dev.braid.runtime.internal;

import java.time.Instant;

/**
 * A run's time axis: one wall-clock reading at the start, then {@link System#nanoTime()} offsets,
 * so that the times in a result are consistent with each other even if the wall clock jumps.
 * Immutable.
 */
final class RunClock {
  private final Instant startedAt;
  private final long startNanos;

  private RunClock(Instant startedAt, long startNanos) {
    this.startedAt = startedAt;
    this.startNanos = startNanos;
  }

  static RunClock start() {
    return new RunClock(Instant.now(), System.nanoTime());
  }

  long startNanos() {
    return startNanos;
  }

  Instant startedAt() {
    return startedAt;
  }

  /** The wall-clock time of a {@link System#nanoTime()} reading taken during the run. */
  Instant at(long nanos) {
    return startedAt.plusNanos(nanos - startNanos);
  }
}
