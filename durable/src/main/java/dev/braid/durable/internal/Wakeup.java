package dev.braid.durable.internal;

import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A worker thread's wait for a signal or for time to pass on the worker's {@link TimeSource}: the
 * poller's, the heartbeat's, the lease clock's. A signal that comes while nobody waits is kept for
 * the next wait, so none is lost. One thread waits at a time.
 *
 * <p>On the system time this is a timed wait. On any other source, a test's virtual time, the
 * waiting thread is a participant of that source: it counts as busy while it works and as idle
 * while it waits, so time moves only while it waits; whoever wakes it, a signal or the alarm of its
 * wait, counts it busy first, so that time cannot move on between the wake and its work. A wait
 * without a limit arms no alarm: a worker with nothing due does not move time forward. Thread-safe.
 */
public final class Wakeup {
  private final TimeSource time;
  private final boolean system;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private boolean signalled; // guarded by lock
  private boolean waiting; // guarded by lock; cleared by whoever wakes the waiter

  public Wakeup(TimeSource time) {
    this.time = time;
    this.system = time == TimeSource.system();
  }

  /** Wakes the waiter, or the next wait if nobody waits. */
  public void signal() {
    lock.lock();
    try {
      signalled = true;
      wake();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until signalled, or until {@code most} has passed on the time source ({@code null}: no
   * limit), and consumes the signals. Called by a thread that counts as busy on the source, as a
   * worker thread does from its start (see {@link TimeSource#busy()}); it is busy again on return.
   *
   * @return whether a signal woke it
   * @throws InterruptedException if the thread is interrupted while it waits
   */
  public boolean await(@Nullable Duration most) throws InterruptedException {
    TimeSource.Alarm alarm = null;
    lock.lock();
    try {
      if (!signalled && (most == null || most.isPositive())) {
        waiting = true;
        if (!system) {
          if (most != null) {
            alarm = time.schedule(this::timeUp, nanos(most));
          }
          time.idle();
        }
        try {
          long left = most == null ? Long.MAX_VALUE : nanos(most);
          while (waiting) {
            if (most == null || !system) {
              woken.await();
            } else if (left > 0) {
              left = woken.awaitNanos(left);
            } else {
              waiting = false;
            }
          }
        } catch (InterruptedException e) {
          wake();
          throw e;
        }
      }
      boolean was = signalled;
      signalled = false;
      return was;
    } finally {
      lock.unlock();
      if (alarm != null) {
        alarm.cancel();
      }
    }
  }

  /** The alarm of a wait: its time has come. */
  private void timeUp() {
    lock.lock();
    try {
      wake();
    } finally {
      lock.unlock();
    }
  }

  /** Counts the waiter busy and lets it go, if it waits; under the lock. */
  private void wake() {
    if (waiting) {
      waiting = false;
      time.busy();
      woken.signal();
    }
  }

  private static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
