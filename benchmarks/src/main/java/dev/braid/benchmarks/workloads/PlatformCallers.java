package dev.braid.benchmarks.workloads;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Platform threads that each call a blocking pipeline in a loop, from their start until {@link
 * #close}, as the request threads of a busy server on platform threads would: the runs in flight
 * are always as many as the threads. {@link #await} measures the rate at which runs complete
 * without waking the callers, so that the measurement does not add a platform thread's wake-up to
 * every run. Thread-safe; one thread awaits at a time.
 */
public final class PlatformCallers implements AutoCloseable {
  private final Thread[] threads;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  /** The count of completed runs the waiter waits for. */
  private volatile long goal = Long.MAX_VALUE;
  private volatile @Nullable Thread waiter;
  private volatile boolean closed;

  /** Starts {@code callers} platform threads, each calling {@code run} until closed. */
  PlatformCallers(int callers, Callable<Integer> run) {
    threads = new Thread[callers];
    for (int i = 0; i < callers; i++) {
      threads[i] = Thread.ofPlatform().daemon().name("caller-" + i).start(() -> call(run));
    }
  }

  private void call(Callable<Integer> run) {
    while (!closed) {
      try {
        run.call();
      } catch (Throwable thrown) {
        failure.compareAndSet(null, thrown);
        wake();
        return;
      }
      if (completed.incrementAndGet() == goal) {
        wake();
      }
    }
  }

  private void wake() {
    Thread waiting = waiter;
    if (waiting != null) {
      LockSupport.unpark(waiting);
    }
  }

  /**
   * Waits until {@code runs} more runs have completed, and returns the count so far.
   *
   * @throws IllegalStateException if a run failed
   */
  long await(int runs) {
    waiter = Thread.currentThread();
    long target = completed.get() + runs;
    goal = target;
    long done;
    while ((done = completed.get()) < target) {
      Throwable thrown = failure.get();
      if (thrown != null) {
        throw new IllegalStateException("A run failed", thrown);
      }
      LockSupport.park(this);
    }
    return done;
  }

  /**
   * The rate at which {@code callers} platform threads complete runs of {@code run}, each calling
   * it in a loop, over about {@code nanos} once every caller has completed a run on average.
   *
   * @throws IllegalStateException if a run failed
   */
  public static double runsPerSecond(int callers, Callable<Integer> run, long nanos)
      throws InterruptedException {
    try (PlatformCallers calling = new PlatformCallers(callers, run)) {
      long first = calling.await(callers);
      long start = System.nanoTime();
      long done;
      long elapsed;
      do {
        done = calling.await(callers);
        elapsed = System.nanoTime() - start;
      } while (elapsed < nanos);
      return (done - first) * 1e9 / elapsed;
    }
  }

  /** Lets every caller end after its current run, and waits until they have. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
