package dev.braid.runtime.internal;

import java.util.concurrent.CountDownLatch;

/**
 * Waits that an interrupt must not cut short, because the engine has to see a thread end before it
 * may go on. The interrupt is not lost: each wait reports it, and the caller sets it again once it
 * has nothing left to wait for.
 */
final class Uninterruptibly {
  private Uninterruptibly() {}

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
}
