package dev.braid.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts an attempt that runs past its timeout. The alarm fires on one shared platform daemon
 * thread rather than on a virtual thread, whose timed wake-up can wait behind carriers kept busy by
 * CPU-bound steps.
 *
 * <p>An alarm interrupts its thread only while the attempt is still running: {@link #finish()} and
 * the alarm decide under the same monitor, so a late alarm never interrupts whatever the thread
 * does next. Thread-safe.
 */
final class AttemptTimer {
  private static final ScheduledThreadPoolExecutor ALARMS = alarms();

  private final Thread thread;
  private boolean finished; // guarded by this
  private boolean fired; // guarded by this
  private final ScheduledFuture<?> alarm;

  private AttemptTimer(Thread thread, Duration timeout) {
    this.thread = thread;
    this.alarm = ALARMS.schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Starts the clock for an attempt running on the current thread. */
  static AttemptTimer start(Duration timeout) {
    return new AttemptTimer(Thread.currentThread(), timeout);
  }

  private synchronized void fire() {
    if (!finished) {
      fired = true;
      thread.interrupt();
    }
  }

  /**
   * Stops the clock; returns whether the attempt had timed out, in which case the interrupt the
   * alarm sent is cleared so it does not leak into the next attempt.
   */
  boolean finish() {
    alarm.cancel(false);
    synchronized (this) {
      finished = true;
      if (!fired) {
        return false;
      }
    }
    Thread.interrupted();
    return true;
  }

  private static ScheduledThreadPoolExecutor alarms() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("braid-step-timeouts").factory());
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
