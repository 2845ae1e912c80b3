package dev.braid.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer behind step timeouts, abandonment graces and run deadlines: one platform daemon thread
 * shared by every run, rather than timed waits on virtual threads, whose wake-ups can queue behind
 * carriers kept busy by CPU-bound steps. Alarm actions only set flags, interrupt threads and open
 * latches; they never run step code. Thread-safe.
 */
final class Alarms {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private Alarms() {}

  /** Runs {@code action} on the timer thread after {@code delay}; cancel the future to disarm it. */
  static ScheduledFuture<?> schedule(Runnable action, Duration delay) {
    return TIMER.schedule(action, Nanos.of(delay), TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("braid-alarms").factory());
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
