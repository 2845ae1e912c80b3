package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.time.Instant;

/**
 * A run's time axis and its one way to the {@link TimeSource}: one wall-clock reading at the
 * start, then {@link TimeSource#nanoTime()} offsets, so that the times in a result are consistent
 * with each other even if the wall clock jumps. Every reading, wait and alarm of the run goes
 * through here. Immutable.
 */
final class RunClock {
  private final TimeSource time;
  private final Instant startedAt;
  private final long startNanos;
  private final boolean real;
  private final boolean replaced;

  private RunClock(TimeSource time, Instant startedAt, long startNanos) {
    this.time = time;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    this.real = time == SystemTime.INSTANCE;
    this.replaced = time != TimeSource.system();
  }

  static RunClock start(TimeSource time) {
    return new RunClock(time, time.instant(), time.nanoTime());
  }

  TimeSource time() {
    return time;
  }

  /** Whether the run is on the real time, where later alarms may wait for {@link SystemTime#soon}. */
  boolean real() {
    return real;
  }

  long startNanos() {
    return startNanos;
  }

  Instant startedAt() {
    return startedAt;
  }

  /** Whether the run's time was replaced, as a test's virtual time replaces it. */
  boolean replaced() {
    return replaced;
  }

  /** The current reading on the run's {@link TimeSource#nanoTime()} axis. */
  long nanos() {
    return time.nanoTime();
  }

  /** The wall-clock time of a {@link #nanos()} reading taken during the run. */
  Instant at(long nanos) {
    return startedAt.plusNanos(nanos - startNanos);
  }

  /** Sleeps on the run's time; see {@link TimeSource#sleep}. */
  void sleep(long nanos) throws InterruptedException {
    time.sleep(nanos);
  }

  TimeSource.Alarm schedule(Runnable action, long delayNanos) {
    return time.schedule(action, delayNanos);
  }

  /** See {@link TimeSource#busy()}. */
  void busy() {
    time.busy();
  }

  /** See {@link TimeSource#idle()}. */
  void idle() {
    time.idle();
  }
}
