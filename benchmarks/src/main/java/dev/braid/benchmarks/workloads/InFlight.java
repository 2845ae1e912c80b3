package dev.braid.benchmarks.workloads;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Starts many runs of a blocking pipeline at once, one virtual thread each, as a server would. */
public final class InFlight {
  private InFlight() {}

  /** The threads running {@code run} once each, started; join them with {@link #sum}. */
  static Runs start(int runs, Callable<Integer> run) {
    Runs started = new Runs(new Thread[runs], new int[runs], new AtomicReference<>());
    for (int i = 0; i < runs; i++) {
      int index = i;
      started.threads[i] = Thread.ofVirtual().start(() -> {
        try {
          started.outputs[index] = run.call();
        } catch (Throwable failure) {
          started.failure.compareAndSet(null, failure);
        }
      });
    }
    return started;
  }

  /** Runs {@code run} {@code runs} times at once and returns the sum of the outputs. */
  public static long run(int runs, Callable<Integer> run) throws InterruptedException {
    return start(runs, run).sum();
  }

  record Runs(Thread[] threads, int[] outputs, AtomicReference<Throwable> failure) {
    /** Waits for every run and returns the sum of their outputs; fails if any run failed. */
    long sum() throws InterruptedException {
      for (Thread thread : threads) {
        thread.join();
      }
      Throwable first = failure.get();
      if (first != null) {
        throw new IllegalStateException("A run failed", first);
      }
      long sum = 0;
      for (int output : outputs) {
        sum += output;
      }
      return sum;
    }
  }
}
