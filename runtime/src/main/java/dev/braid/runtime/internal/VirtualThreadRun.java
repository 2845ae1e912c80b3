package dev.braid.runtime.internal;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs tasks on plain virtual threads with the contract of {@link StructuredRun}, for every JVM
 * that cannot load {@code StructuredTaskScope}: Java 25 without {@code --enable-preview}, and
 * later releases, where that preview API has another shape. It uses no preview API, so it loads
 * anywhere.
 *
 * <p>The calling thread owns the tasks: it starts one thread per task, parks until the last task
 * ends or a task's completion makes the run stop, then interrupts the threads still running and
 * joins every thread it started, even when interrupted meanwhile (it then returns or throws with
 * its interrupt status set). Stateless; each call keeps its own {@link Completions}.
 */
final class VirtualThreadRun implements RunScope {
  /** Abandons nothing: every thread is joined. */
  private static final Abandonment NONE = new Abandonment() {
    @Override
    public boolean settled() {
      return false;
    }

    @Override
    public boolean abandoned(Thread thread) {
      return false;
    }
  };

  @Override
  public void forkAll(
      String name, List<Runnable> tasks, ThreadFactory threads, BooleanSupplier stopRequested,
      Runnable onCancel) throws InterruptedException {
    forkAll(name, tasks, threads, stopRequested, onCancel, NONE);
  }

  @Override
  public void forkAll(
      String name, List<Runnable> tasks, ThreadFactory threads, BooleanSupplier stopRequested,
      Runnable onCancel, Abandonment abandonment) throws InterruptedException {
    Completions completions =
        new Completions(Thread.currentThread(), tasks.size(), stopRequested, abandonment);
    Thread[] started = new Thread[tasks.size()];
    int count = 0;
    try {
      for (Runnable task : tasks) {
        Thread thread = threads.newThread(completions.counting(task));
        thread.start();
        started[count++] = thread;
      }
      try {
        completions.await();
      } catch (InterruptedException e) {
        onCancel.run();
        throw e;
      }
    } finally {
      if (!completions.allEnded()) {
        for (int i = 0; i < count; i++) {
          started[i].interrupt();
        }
        completions.awaitEndOrSettled();
      }
      joinAll(started, count, abandonment);
      completions.ownerLeft();
    }
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
   * Joins the first {@code count} threads but those of abandoned attempts; an interrupt meanwhile
   * is kept for the caller.
   */
  private static void joinAll(Thread[] threads, int count, Abandonment abandonment) {
    boolean interrupted = false;
    for (int i = 0; i < count; i++) {
      if (!abandonment.abandoned(threads[i])) {
        interrupted |= RunClock.join(threads[i]);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
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

    Runnable counting(Runnable task) {
      return () -> {
        try {
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
