package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The real time behind {@link TimeSource#system()}: {@link System#nanoTime()}, {@link
 * Thread#sleep}, and the timer behind step timeouts, abandonment graces and run deadlines. Public
 * only for that factory, and here rather than beside {@code TimeSource} because the engine shares
 * its timer. Thread-safe.
 *
 * <p>The timer is one platform daemon thread shared by every run, rather than timed waits on
 * virtual threads, whose wake-ups can queue behind carriers kept busy by CPU-bound steps. Alarm
 * actions only set flags, interrupt threads and open latches; they never run step code. Besides
 * alarms for a given time, it runs a <em>sweep</em> every {@link #SWEEP_NANOS} while any action
 * waits for one ({@link #soon}): a run whose limits are all further away asks only to be looked at
 * again then, which costs one lock-free push instead of a scheduled task, and since most runs end
 * before the sweep, most never schedule one. Actions wait on several stacks a cache line apart, so
 * that runs starting at once on different carriers rarely contend.
 */
public final class SystemTime implements TimeSource {
  public static final SystemTime INSTANCE = new SystemTime();

  private SystemTime() {}

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(nanos);
  }

  @Override
  public Alarm schedule(Runnable action, long delayNanos) {
    ScheduledFuture<?> future = alarm(action, delayNanos);
    return () -> future.cancel(false);
  }

  @Override
  public long jitter(long max) {
    return ThreadLocalRandom.current().nextLong(Math.min(max, Long.MAX_VALUE - 1) + 1);
  }

  @Override
  public String toString() {
    return "TimeSource.system()";
  }

  /** How long an action given to {@link #soon} may wait for the sweep that runs it. */
  static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final ScheduledThreadPoolExecutor TIMER = timer();
  private static final int STRIPES = 8;
  /** Array slots between two stripes' stacks: 128 bytes, more than a cache line. */
  private static final int SPACING = 32;
  /** Slot of {@link #SWEPT} that holds {@link #ARMED} while a sweep is scheduled. */
  private static final int ARMED_SLOT = SPACING;
  /**
   * The actions waiting for the sweep, a stack per stripe with its top every {@link #SPACING}
   * slots from {@code 2 * SPACING} on, and whether a sweep is scheduled, which every {@link #soon}
   * reads; padded at both ends, so that neither shares a cache line with anything written often.
   */
  private static final AtomicReferenceArray<@Nullable Waiting> SWEPT =
      new AtomicReferenceArray<>((STRIPES + 3) * SPACING);
  private static final Waiting ARMED = new Waiting(() -> {});

  /** Runs {@code action} on the timer thread after {@code delayNanos} nanoseconds. */
  private static ScheduledFuture<?> alarm(Runnable action, long delayNanos) {
    return TIMER.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code action} on the timer thread within {@link #SWEEP_NANOS}, together with every other
   * action given meanwhile. Actions must be short; one that throws does not stop the others.
   */
  static void soon(Runnable action) {
    int slot = (2 + (int) (Thread.currentThread().threadId() & (STRIPES - 1))) * SPACING;
    Waiting waiting = new Waiting(action);
    Waiting top;
    do {
      top = SWEPT.get(slot);
      waiting.next = top;
    } while (!SWEPT.compareAndSet(slot, top, waiting));
    if (SWEPT.get(ARMED_SLOT) == null && SWEPT.compareAndSet(ARMED_SLOT, null, ARMED)) {
      TIMER.schedule(SystemTime::sweep, SWEEP_NANOS, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Runs every action waiting for the sweep. The flag is cleared first, so that an action given
   * after its stripe's stack was taken arms the next sweep.
   */
  private static void sweep() {
    SWEPT.set(ARMED_SLOT, null);
    for (int stripe = 2; stripe < STRIPES + 2; stripe++) {
      for (Waiting waiting = SWEPT.getAndSet(stripe * SPACING, null); waiting != null;
          waiting = waiting.next) {
        try {
          waiting.action.run();
        } catch (RuntimeException | Error e) {
          Thread.currentThread().getUncaughtExceptionHandler()
              .uncaughtException(Thread.currentThread(), e);
        }
      }
    }
  }

  /** An action on a stripe's stack. */
  private static final class Waiting {
    final Runnable action;
    @Nullable Waiting next; // written before the push that publishes it

    Waiting(Runnable action) {
      this.action = action;
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("braid-alarms").factory());
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
