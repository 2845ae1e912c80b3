package dev.braid.benchmarks.baseline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The least a run of independent steps can cost on virtual threads: start one unnamed thread per
 * step, count their ends, wait for the last, join them all. No scope, no names, no record of a
 * step, no stop. It is what Braid's own scope would do for {@code wide-1000} with a thread for
 * every step and none of Braid's bookkeeping, so that Braid's time divided by its time shows what
 * that bookkeeping costs, net of the thread starts Braid saves when a thread done with its steps
 * takes steps still waiting for a thread; and {@link StructuredGraphs#wide} divided by it what
 * {@code StructuredTaskScope}'s bookkeeping costs. Thread-safe: every call is a run of its own.
 */
public final class ThreadGraphs {
  private ThreadGraphs() {}

  /** {@code steps} independent zero-work steps; returns the first one's output. */
  public static int wide(int steps) throws InterruptedException {
    return wide(steps, false);
  }

  /**
   * {@link #wide(int)} with each step's start and end read from {@link System#nanoTime()} and kept,
   * as Braid keeps them for a step's record: the share of those two clock reads in Braid's
   * bookkeeping.
   */
  public static int timedWide(int steps) throws InterruptedException {
    return wide(steps, true);
  }

  private static int wide(int steps, boolean timed) throws InterruptedException {
    Thread caller = Thread.currentThread();
    long[] times = new long[timed ? 2 * steps : 0];
    AtomicInteger running = new AtomicInteger(steps);
    int[] outputs = new int[steps];
    Thread[] threads = new Thread[steps];
    for (int i = 0; i < steps; i++) {
      int step = i;
      threads[i] = Thread.ofVirtual().start(() -> {
        if (timed) {
          times[2 * step] = System.nanoTime();
        }
        outputs[step] = step;
        if (timed) {
          times[2 * step + 1] = System.nanoTime();
        }
        if (running.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      });
    }
    while (running.get() > 0) {
      LockSupport.park(running);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return outputs[0];
  }
}
