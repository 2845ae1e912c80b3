package dev.braid.runtime.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on plain virtual threads with the contract of {@link StructuredRun}, for every JVM
 * that cannot load {@code StructuredTaskScope}: Java 25 without {@code --enable-preview}, and
 * later releases, where that preview API has another shape. It uses no preview API, so it loads
 * anywhere.
 *
 * <p>The calling thread owns the tasks. It starts the thread of each task that is ready, and the
 * run starts each other one from the thread that made it ready ({@link Readiness}), so that a step
 * never parks a thread of its own waiting for its dependencies. The owner parks until the last
 * task ends or a task's completion makes the run stop; then it starts the tasks never made ready
 * already interrupted, interrupts the threads still running, and joins every thread, even when
 * interrupted meanwhile (it then returns or throws with its interrupt status set). Stateless; each
 * call keeps its own {@link Completions} and {@link Starts}.
 */
final class VirtualThreadRun implements RunScope {
  @Override
  public void forkAll(
      String name, List<Runnable> tasks, List<String> threadNames, BooleanSupplier stopRequested,
      Runnable onCancel) throws InterruptedException {
    forkAll(name, tasks, threadNames, stopRequested, onCancel, Readiness.ALL, Abandonment.NONE);
  }

  @Override
  public void forkAll(
      String name, List<Runnable> tasks, List<String> threadNames, BooleanSupplier stopRequested,
      Runnable onCancel, Readiness readiness, Abandonment abandonment)
      throws InterruptedException {
    Completions completions =
        new Completions(Thread.currentThread(), tasks.size(), stopRequested, abandonment);
    Starts starts = new Starts(tasks, threadNames, completions);
    try {
      readiness.whenReady(starts::start);
      for (int task = 0; task < tasks.size(); task++) {
        if (readiness.ready(task)) {
          starts.start(task);
        }
      }
      try {
        completions.await();
      } catch (InterruptedException e) {
        onCancel.run();
        throw e;
      }
    } finally {
      if (!completions.allEnded()) {
        starts.startRestInterrupted();
        starts.interruptAll();
        completions.awaitEndOrSettled();
      }
      starts.joinAll(abandonment);
      completions.ownerLeft();
    }
  }

  @Override
  public boolean startsWhenReady() {
    return true;
  }

  @Override
  public boolean leavesAbandoned() {
    return true;
  }

  @Override
  public String mode() {
    return RunScope.THREADS;
  }

  /**
   * The tasks' threads, each started once: by the owner or the run as its task becomes ready, or
   * by the owner, already interrupted, once the run stops without it. Thread-safe.
   */
  private static final class Starts {
    private final List<Runnable> tasks;
    private final List<String> names;
    private final Completions completions;
    private final AtomicReferenceArray<@Nullable Thread> threads;

    Starts(List<Runnable> tasks, List<String> names, Completions completions) {
      this.tasks = tasks;
      this.names = names;
      this.completions = completions;
      this.threads = new AtomicReferenceArray<>(tasks.size());
    }

    /** Starts the thread of {@code task}, unless it was started already. */
    void start(int task) {
      start(task, false);
    }

    /** Starts every task not started yet with its thread interrupted, so that it ends at once. */
    void startRestInterrupted() {
      for (int task = 0; task < threads.length(); task++) {
        start(task, true);
      }
    }

    private void start(int task, boolean interrupted) {
      if (threads.get(task) != null) {
        return;
      }
      Thread thread = Thread.ofVirtual()
          .name(names.get(task))
          .unstarted(completions.counting(tasks.get(task), interrupted));
      // The thread is listed before it starts, so that the owner interrupts and joins it.
      if (threads.compareAndSet(task, null, thread)) {
        thread.start();
      }
    }

    void interruptAll() {
      for (int task = 0; task < threads.length(); task++) {
        Thread thread = threads.get(task);
        if (thread != null) {
          thread.interrupt();
        }
      }
    }

    /**
     * Joins every thread started but those of abandoned attempts; an interrupt meanwhile is kept
     * for the caller.
     */
    void joinAll(Abandonment abandonment) {
      boolean interrupted = false;
      for (int task = 0; task < threads.length(); task++) {
        Thread thread = threads.get(task);
        if (thread != null && !abandonment.abandoned(thread)) {
          interrupted |= RunClock.join(thread);
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Counts the tasks that have ended and wakes the owner once the run is decided: every task has
   * ended, or one ended with the run wanting to stop. Task threads only count down and unpark; the
   * owner alone interrupts and joins. Thread-safe.
   */
  private static final class Completions {
    private final Thread owner;
    private final BooleanSupplier stopRequested;
    private final Abandonment abandonment;
    private final AtomicInteger running;
    private volatile boolean decided;
    /** Set once the owner returned, so that a task ending later does not wake it. */
    private volatile boolean ownerLeft;

    Completions(Thread owner, int tasks, BooleanSupplier stopRequested,
        Abandonment abandonment) {
      this.owner = owner;
      this.stopRequested = stopRequested;
      this.abandonment = abandonment;
      this.running = new AtomicInteger(tasks);
      this.decided = tasks == 0;
    }

    /** {@code task}, counted as it ends; {@code interrupted} interrupts its thread first. */
    Runnable counting(Runnable task, boolean interrupted) {
      return () -> {
        try {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
          task.run();
        } finally {
          ended();
        }
      };
    }

    private void ended() {
      if ((running.decrementAndGet() == 0 || stopRequested.getAsBoolean()) && !ownerLeft) {
        decided = true;
        LockSupport.unpark(owner);
      }
    }

    boolean allEnded() {
      return running.get() == 0;
    }

    /**
     * Parks until the run is decided, or has settled leaving abandoned attempts behind (the run
     * unparks the owner then); throws if the owner is interrupted first.
     */
    void await() throws InterruptedException {
      while (!decided && !abandonment.settled()) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        LockSupport.park(this);
      }
    }

    /**
     * Parks, through interrupts, until every task has ended or the run has settled without those
     * still running, whose attempts it abandoned; keeps an interrupt for the caller.
     */
    void awaitEndOrSettled() {
      boolean interrupted = Thread.interrupted();
      while (running.get() > 0 && !abandonment.settled()) {
        LockSupport.park(this);
        interrupted |= Thread.interrupted();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    void ownerLeft() {
      ownerLeft = true;
    }
  }
}
