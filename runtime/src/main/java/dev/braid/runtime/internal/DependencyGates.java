package dev.braid.runtime.internal;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The gates a run's steps wait at until their dependencies have ended. Per step, a count of the
 * dependencies yet to end; a step waits for it to reach zero by parking, and the dependency that
 * brings it there unparks it. Cheaper than a latch per step, of which a run would allocate
 * hundreds. Thread-safe.
 */
final class DependencyGates {
  private final AtomicIntegerArray waiting;
  /**
   * Per step, the thread parked waiting for its dependencies, once it waits. The waiter publishes
   * itself before reading its count and a releaser counts down before reading the waiter, so one
   * of them always sees the other.
   */
  private final AtomicReferenceArray<@Nullable Thread> waiters;

  /** @param waiting per step, how many dependencies it waits for */
  DependencyGates(int[] waiting) {
    this.waiting = new AtomicIntegerArray(waiting);
    this.waiters = new AtomicReferenceArray<>(waiting.length);
  }

  /**
   * Waits until every dependency of step {@code index} has ended; false if the calling thread was
   * interrupted first, the interrupt consumed.
   */
  boolean await(int index) {
    if (waiting.get(index) > 0) {
      waiters.set(index, Thread.currentThread());
      while (waiting.get(index) > 0) {
        if (Thread.interrupted()) {
          return false;
        }
        LockSupport.park(this);
      }
    }
    return true;
  }

  /** One dependency of step {@code index} has ended; lets the step go if it was the last. */
  void release(int index) {
    if (waiting.decrementAndGet(index) == 0) {
      Thread waiter = waiters.get(index);
      if (waiter != null) {
        LockSupport.unpark(waiter);
      }
    }
  }
}
