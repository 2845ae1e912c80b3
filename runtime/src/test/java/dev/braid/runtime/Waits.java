package dev.braid.runtime;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeoutException;

/**
 * Blocking calls for step bodies and tests. Each gives up after {@link #GUARD_SECONDS} with an
 * {@link AssertionError}, so that an engine which never releases or never interrupts a step fails
 * the test instead of hanging the build. The guard is a failure bound, never a timing assertion.
 */
final class Waits {
  static final long GUARD_SECONDS = 10;

  private Waits() {}

  /** Waits for {@code latch} to open. */
  static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(GUARD_SECONDS, SECONDS)) {
      throw new AssertionError("Gave up after " + GUARD_SECONDS + " s waiting for " + what);
    }
  }

  /** Waits until {@code barrier.getParties()} threads are inside it at once. */
  static void await(CyclicBarrier barrier, String what)
      throws InterruptedException, BrokenBarrierException {
    try {
      barrier.await(GUARD_SECONDS, SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Gave up after " + GUARD_SECONDS + " s waiting for " + what, e);
    }
  }

  /**
   * Blocks until the calling thread is interrupted, then counts down {@code interrupted} and
   * rethrows, as a step blocked on I/O would.
   */
  static void blockUntilInterrupted(CountDownLatch interrupted) throws InterruptedException {
    try {
      new CountDownLatch(1).await(GUARD_SECONDS, SECONDS);
    } catch (InterruptedException e) {
      interrupted.countDown();
      throw e;
    }
    throw new AssertionError("Step was never interrupted within " + GUARD_SECONDS + " s");
  }

  /**
   * Blocks until {@code release} opens, ignoring every interrupt as badly written step code does,
   * and counts down {@code interrupted} on the first one. Gives up quietly after the guard, so that
   * an abandoned thread never outlives the test run.
   */
  static void ignoreInterruptsUntil(CountDownLatch release, CountDownLatch interrupted) {
    long deadline = System.nanoTime() + SECONDS.toNanos(GUARD_SECONDS);
    while (release.getCount() > 0 && System.nanoTime() < deadline) {
      try {
        release.await(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    }
  }

  /** Spins on the CPU until the thread is interrupted, as a CPU-bound step that polls would. */
  static void busyUntilInterrupted() throws InterruptedException {
    long deadline = System.nanoTime() + SECONDS.toNanos(GUARD_SECONDS);
    long sink = 0;
    while (!Thread.currentThread().isInterrupted()) {
      sink += Long.numberOfTrailingZeros(System.nanoTime() ^ sink);
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Busy step was never interrupted within " + GUARD_SECONDS + " s");
      }
    }
    throw new InterruptedException("busy step interrupted after " + (sink & 1) + " spins");
  }

  /** Whether {@code latch} has opened, without waiting. */
  static boolean isOpen(CountDownLatch latch) {
    return latch.getCount() == 0;
  }
}
