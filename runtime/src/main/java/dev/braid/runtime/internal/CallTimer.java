package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import org.jspecify.annotations.Nullable;

/**
 * The alarm of one try of a model call with a timeout of its own: it interrupts the calling thread
 * when the timeout passes, unless the try has ended first. {@link #stop} tells which happened and
 * takes back the interrupt the alarm delivered, so that it does not leak into the step's code.
 * Used by the calling thread and the alarm thread; the monitor orders the alarm's interrupt before
 * {@link #stop} returns.
 */
final class CallTimer {
  private final Thread caller;
  private final TimeSource.Alarm alarm;
  private boolean stopped; // guarded by this
  private boolean rang; // guarded by this

  private CallTimer(RunClock clock, long timeoutNanos) {
    this.caller = Thread.currentThread();
    this.alarm = clock.schedule(this::ring, timeoutNanos);
  }

  /**
   * Arms a timer on the run's time for the calling thread, or returns null if the try has no timeout of its own or
   * the attempt ends first anyway.
   *
   * @param clock the run's time, on which the timer is armed and read
   * @param timeoutNanos the try's own timeout, or {@link Waits#NONE}
   * @param attemptDeadlineNanos when the attempt is interrupted, or {@link Waits#NONE}
   */
  static @Nullable CallTimer start(RunClock clock, long timeoutNanos, long attemptDeadlineNanos) {
    if (timeoutNanos == Waits.NONE) {
      return null;
    }
    if (attemptDeadlineNanos != Waits.NONE
        && attemptDeadlineNanos - clock.nanos() <= timeoutNanos) {
      return null;
    }
    return new CallTimer(clock, timeoutNanos);
  }

  private synchronized void ring() {
    if (!stopped) {
      rang = true;
      caller.interrupt();
    }
  }

  /**
   * Disarms the timer, on the calling thread once the try has ended. Returns whether the timeout
   * passed first; if so, clears the interrupt it delivered.
   */
  boolean stop() {
    alarm.cancel();
    synchronized (this) {
      stopped = true;
      if (!rang) {
        return false;
      }
    }
    Thread.interrupted();
    return true;
  }
}
