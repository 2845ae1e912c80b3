package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * A run's time axis and its one way to the {@link TimeSource}: one wall-clock reading at the
 * start, then {@link TimeSource#nanoTime()} offsets, so that the times in a result are consistent
 * with each other even if the wall clock jumps. Every reading, wait and alarm of the run goes
 * through here. Immutable.
 *
 * <p>Its static part is how the engine waits and is interrupted: deadline arithmetic on the axis
 * that saturates instead of overflowing, waits that an interrupt must not cut short, and telling a
 * step that ended because the run interrupted it from one that failed on its own.
 */
final class RunClock {
  /** Stands for "no limit" in fields holding an instant on a run's {@link #nanos()} axis. */
  static final long NONE = Long.MAX_VALUE;

  private static final int MAX_CAUSES = 16;

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

  // ---- Deadline arithmetic, and waits that go on through an interrupt ----


  
  /** {@code duration} in nanoseconds, saturated for durations of any size. */
  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** {@code instant + duration}, or {@link #NONE} if that does not fit. */
  static long after(long instant, Duration duration) {
    long nanos = nanos(duration);
    long sum = instant + nanos;
    return ((instant ^ sum) & (nanos ^ sum)) < 0 ? NONE : sum;
  }

  // The engine has to see a thread end before it may go on, so these waits go on through an
  // interrupt. The interrupt is not lost: each wait reports it, and the caller sets it again once
  // it has nothing left to wait for.

  /** Waits until {@code thread} has ended; returns whether the caller was interrupted meanwhile. */
  static boolean join(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /** Waits until {@code latch} opens; returns whether the caller was interrupted meanwhile. */
  static boolean await(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /**
   * Whether the current thread was interrupted or {@code failure}'s cause chain holds an exception
   * that blocking calls throw on interruption. Call it on the thread that ran the step.
   */
  static boolean interruptedBy(Throwable failure) {
    return Thread.currentThread().isInterrupted() || interruptInCauses(failure);
  }

  /**
   * Whether {@code failure}'s cause chain holds an exception that blocking calls throw on
   * interruption. A {@link SocketTimeoutException} is an {@link InterruptedIOException} only by
   * inheritance: it is a read that timed out, and is retried.
   */
  static boolean interruptInCauses(Throwable failure) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
      if (current instanceof InterruptedException
          || current instanceof InterruptedIOException && !(current instanceof SocketTimeoutException)
          || current instanceof ClosedByInterruptException) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }
}
