package dev.braid.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@code BatchRun}: runs of one function over lazily pulled inputs, each on a
 * virtual thread of its own, at most {@code maxInFlight} in progress or completed-but-not-taken.
 *
 * <p>The consumer's thread pulls inputs and starts runs — when the batch starts and after each
 * take — so inputs are read only as slots free up and the input iterator is touched by one
 * thread. Run threads only hand in their result. Decisions are taken under {@link #lock}; no run
 * or input code runs under it. Thread-safe for one consumer plus any thread calling {@link
 * #close()}.
 */
final class Batch<I, O extends @Nullable Object> implements Iterator<BatchResult<I, O>> {
  private final Iterator<? extends I> inputs;
  private final int maxInFlight;
  private final boolean stopOnFailure;
  private final Function<? super I, PipelineResult<O>> run;
  private final UnaryOperator<Runnable> launch;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<BatchResult<I, O>> completed = new ArrayDeque<>(); // guarded by lock
  private final Set<Thread> inFlight = new HashSet<>(); // guarded by lock
  /** Threads whose run has handed in its result but that may not have terminated yet. */
  private final List<Thread> finishing = new ArrayList<>(); // guarded by lock
  private boolean exhausted; // guarded by lock: no more inputs will be pulled
  private boolean stopped; // guarded by lock: a failure stopped the batch
  private boolean closed; // guarded by lock
  private @Nullable Throwable pending; // guarded by lock: thrown by the next take

  private Batch(Iterator<? extends I> inputs, int maxInFlight, boolean stopOnFailure,
      Function<? super I, PipelineResult<O>> run, UnaryOperator<Runnable> launch) {
    this.inputs = inputs;
    this.maxInFlight = maxInFlight;
    this.stopOnFailure = stopOnFailure;
    this.run = run;
    this.launch = launch;
  }

  /**
   * Starts the first runs on the calling thread's behalf; see {@code BatchRun.start}.
   *
   * @param launch wraps what each run's thread will do, on the thread starting it, just before it
   *     starts; see {@code BatchRun.start}
   */
  static <I, O extends @Nullable Object> Batch<I, O> start(Iterable<? extends I> inputs,
      int maxInFlight, boolean stopOnFailure, Function<? super I, PipelineResult<O>> run,
      UnaryOperator<Runnable> launch) {
    Batch<I, O> batch = new Batch<>(inputs.iterator(), maxInFlight, stopOnFailure, run, launch);
    batch.fill();
    return batch;
  }

  /** Pulls inputs and starts their runs while the bound allows. */
  private void fill() {
    while (true) {
      lock.lock();
      try {
        if (exhausted || closed || inFlight.size() + completed.size() >= maxInFlight) {
          return;
        }
      } finally {
        lock.unlock();
      }
      I input;
      try {
        if (!inputs.hasNext()) {
          endInputs(null);
          return;
        }
        input = inputs.next();
      } catch (RuntimeException | Error e) {
        endInputs(e);
        return;
      }
      lock.lock();
      try {
        if (exhausted || closed) {
          return;
        }
        // Launched under the lock, where the thread starts at once: what the launch counted is
        // given back by the thread, which a closed batch would otherwise never start.
        Thread thread = Thread.ofVirtual().name("braid batch run")
            .unstarted(launch.apply(() -> runOne(input)));
        inFlight.add(thread);
        thread.start();
      } finally {
        lock.unlock();
      }
    }
  }

  private void endInputs(@Nullable Throwable failure) {
    lock.lock();
    try {
      exhausted = true;
      if (failure != null && pending == null) {
        pending = failure;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void runOne(I input) {
    BatchResult<I, O> result = null;
    Error fatal = null;
    try {
      result = BatchResult.of(input, run.apply(input));
    } catch (RuntimeException e) {
      result = BatchResult.failed(input, e);
    } catch (Error e) {
      fatal = e;
    }
    lock.lock();
    try {
      inFlight.remove(Thread.currentThread());
      finishing.add(Thread.currentThread());
      if (!closed && !stopped) {
        if (fatal != null) {
          pending = fatal;
          stopOthers();
        } else if (result != null) {
          completed.add(result);
          if (stopOnFailure && !result.succeeded()) {
            stopOthers();
          }
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void stopOthers() {
    stopped = true;
    exhausted = true;
    inFlight.forEach(Thread::interrupt);
  }

  /**
   * Whether another result (or the batch's failure) is to come; waits for a run to complete if
   * need be. After a stop on failure, it waits for the cancelled runs before saying no.
   *
   * @throws CancellationException if the consumer was interrupted while waiting; the batch is
   *     closed and the interrupt status set again
   */
  @Override
  public boolean hasNext() {
    lock.lock();
    try {
      while (true) {
        if (pending != null || !completed.isEmpty()) {
          return true;
        }
        if (closed || inFlight.isEmpty() && exhausted) {
          lock.unlock();
          try {
            joinFinishing();
          } finally {
            lock.lock();
          }
          return false;
        }
        if (inFlight.isEmpty()) {
          lock.unlock();
          try {
            fill();
          } finally {
            lock.lock();
          }
          continue;
        }
        changed.await();
      }
    } catch (InterruptedException e) {
      lock.unlock();
      try {
        close();
      } finally {
        lock.lock();
        Thread.currentThread().interrupt();
      }
      throw new CancellationException("The thread taking batch results was interrupted");
    } finally {
      lock.unlock();
    }
  }

  @Override
  public BatchResult<I, O> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("The batch has no more results");
    }
    BatchResult<I, O> result;
    Throwable failure;
    lock.lock();
    try {
      failure = pending;
      pending = null;
      result = completed.poll();
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      close();
      if (failure instanceof Error error) {
        throw error;
      }
      throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }
    joinFinishing();
    fill();
    if (result == null) {
      throw new NoSuchElementException("The batch has no more results");
    }
    return result;
  }

  /** Cancels the runs in progress, starts no more, and returns once their threads have ended. */
  public void close() {
    List<Thread> threads;
    lock.lock();
    try {
      closed = true;
      exhausted = true;
      threads = List.copyOf(inFlight);
      threads.forEach(Thread::interrupt);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    joinAll(threads);
    joinFinishing();
  }

  /** Joins the threads of runs that have handed in their results; they end at once. */
  private void joinFinishing() {
    List<Thread> threads;
    lock.lock();
    try {
      threads = List.copyOf(finishing);
      finishing.clear();
    } finally {
      lock.unlock();
    }
    joinAll(threads);
  }

  /** Joins every thread, keeping but not obeying an interrupt of the calling thread. */
  private static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
