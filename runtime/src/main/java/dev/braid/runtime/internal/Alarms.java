package dev.braid.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The timer behind step timeouts, abandonment graces and run deadlines: one platform daemon thread
 * shared by every run, rather than timed waits on virtual threads, whose wake-ups can queue behind
 * carriers kept busy by CPU-bound steps. Alarm actions only set flags, interrupt threads and open
 * latches; they never run step code. Thread-safe.
 *
 * <p>Besides alarms for a given time, the timer runs a <em>sweep</em> every {@link #SWEEP_NANOS}
 * while any action waits for one ({@link #soon}): a run whose limits are all further away asks
 * only to be looked at again then, which costs one lock-free enqueue instead of a scheduled task,
 * and since most runs end before the sweep, most never schedule one.
 */
final class Alarms {
  /** How long an action given to {@link #soon} may wait for the sweep that runs it. */
  static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final ScheduledThreadPoolExecutor TIMER = timer();
  private static final ConcurrentLinkedQueue<Runnable> SWEPT = new ConcurrentLinkedQueue<>();
  private static final AtomicBoolean SWEEP_ARMED = new AtomicBoolean();

  private Alarms() {}

  /** Runs {@code action} on the timer thread after {@code delay}; cancel the future to disarm it. */
  static ScheduledFuture<?> schedule(Runnable action, Duration delay) {
    return schedule(action, Nanos.of(delay));
  }

  /** Runs {@code action} on the timer thread after {@code delayNanos} nanoseconds. */
  static ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
    return TIMER.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code action} on the timer thread within {@link #SWEEP_NANOS}, together with every other
   * action given meanwhile. Actions must be short; one that throws does not stop the others.
   */
  static void soon(Runnable action) {
    SWEPT.offer(action);
    if (!SWEEP_ARMED.get() && SWEEP_ARMED.compareAndSet(false, true)) {
      TIMER.schedule(Alarms::sweep, SWEEP_NANOS, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Runs every action waiting for the sweep. The flag is cleared first, so that an action given
   * after the queue was found empty arms the next sweep.
   */
  private static void sweep() {
    SWEEP_ARMED.set(false);
    for (Runnable action = SWEPT.poll(); action != null; action = SWEPT.poll()) {
      try {
        action.run();
      } catch (RuntimeException | Error e) {
        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
      }
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("braid-alarms").factory());
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
