package dev.braid.runtime.internal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on plain virtual threads with the contract of {@link StructuredRun}: Braid's own
 * scope, the default on every JVM. It uses no preview API, so it loads anywhere, also where {@code
 * StructuredTaskScope} cannot (Java 25 without {@code --enable-preview}, and later releases, where
 * that preview API has another shape).
 *
 * <p>The calling thread owns the tasks. It starts the thread of each task that is ready, and the
 * run hands each other one over as it becomes ready ({@link Readiness}), so that a step never
 * parks a thread of its own waiting for its dependencies: the run either has the scope start a
 * thread for it, or has the thread whose task made it ready take it, to run it next ({@link
 * RunScope.Start#take}). A chain of tasks thus runs on one thread. And a thread done with its
 * tasks while the owner is still starting the threads of those ready at once runs the last of them
 * that has none yet, so that a wide run of short tasks needs fewer threads. The owner parks until
 * the last task ends or a task's completion makes the run stop; then it starts the tasks never
 * handed over already interrupted, interrupts the threads still running, and joins every thread,
 * even when interrupted meanwhile (it then returns or throws with its interrupt status set).
 * Stateless; each call keeps its own {@link Completions} and {@link Starts}.
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
    Starts starts =
        new Starts(tasks, threadNames, completions, stopRequested, abandonment, readiness);
    try {
      readiness.whenReady(starts);
      starts.startReadyAtStart();
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
   * The tasks' threads. Each task is claimed once, by compare-and-set: by the owner or the run as
   * it becomes ready, which starts a thread for it; by the thread whose task's end made it ready,
   * which runs it next ({@link #take}); by a thread done with its tasks, which runs one that was
   * ready at the start and that the owner has not reached yet ({@link #takeReadyAtStart}); or by
   * the owner, which starts it on a thread already interrupted once the run stops without it.
   * Thread-safe.
   */
  private static final class Starts implements RunScope.Start {
    private final List<Runnable> tasks;
    private final List<String> names;
    private final Completions completions;
    private final BooleanSupplier stopRequested;
    private final Abandonment abandonment;
    /** Per task, the worker that runs it, set as the task is claimed. */
    private final AtomicReferenceArray<@Nullable Worker> workers;
    /** The tasks ready as the run starts, in order. */
    private final int[] readyAtStart;
    /**
     * How many of {@link #readyAtStart}, counted from its start, a worker that has ended its tasks
     * may still find unclaimed: it takes the last of them ({@link #takeReadyAtStart}) while the
     * owner starts them from the front.
     */
    private final AtomicInteger unclaimedAtStart;

    /** Made before any of the run's threads starts, so that {@code readiness} gives the roots. */
    Starts(List<Runnable> tasks, List<String> names, Completions completions,
        BooleanSupplier stopRequested, Abandonment abandonment, Readiness readiness) {
      this.tasks = tasks;
      this.names = names;
      this.completions = completions;
      this.stopRequested = stopRequested;
      this.abandonment = abandonment;
      this.workers = new AtomicReferenceArray<>(tasks.size());
      int[] ready = new int[tasks.size()];
      int count = 0;
      for (int task = 0; task < ready.length; task++) {
        if (readiness.ready(task)) {
          ready[count++] = task;
        }
      }
      this.readyAtStart = Arrays.copyOf(ready, count);
      this.unclaimedAtStart = new AtomicInteger(count);
    }

    /**
     * Starts a thread for each task ready as the run starts, in order, but those that a worker
     * done with its own tasks took meanwhile. Those ready later are handed over as they become
     * ready.
     */
    void startReadyAtStart() {
      for (int task : readyAtStart) {
        start(task, false);
      }
    }

    /**
     * Claims, for {@code worker}, the last of the tasks ready as the run started that nobody has
     * claimed, or returns -1 if the owner has reached them all. The owner claims them in order, so
     * once a claim here fails on a task the owner took, it has taken every one before it too.
     */
    private int takeReadyAtStart(Worker worker) {
      while (true) {
        int unclaimed = unclaimedAtStart.get();
        if (unclaimed <= 0) {
          return -1;
        }
        if (unclaimedAtStart.compareAndSet(unclaimed, unclaimed - 1)) {
          int task = readyAtStart[unclaimed - 1];
          if (workers.compareAndSet(task, null, worker)) {
            return task;
          }
          unclaimedAtStart.set(0);
          return -1;
        }
      }
    }

    /** Starts the thread of {@code task}, unless it was claimed already. */
    @Override
    public void ready(int task) {
      start(task, false);
    }

    /**
     * Claims {@code task} for the thread running {@code endingTask}, if that is the calling thread;
     * the run then runs it there next, with neither a thread start nor a park and wake-up between
     * the two tasks.
     */
    @Override
    public boolean take(int task, int endingTask) {
      Worker ending = workers.get(endingTask);
      if (ending == null || ending.thread != Thread.currentThread()
          || !workers.compareAndSet(task, null, ending)) {
        return false;
      }
      ending.taken++;
      return true;
    }

    /**
     * Starts every task not claimed yet with its thread interrupted, so that it ends at once; no
     * worker takes one of them from here on.
     */
    void startRestInterrupted() {
      unclaimedAtStart.set(0);
      for (int task = 0; task < workers.length(); task++) {
        start(task, true);
      }
    }

    private void start(int task, boolean interrupted) {
      if (workers.get(task) != null) {
        return;
      }
      Worker worker = new Worker(task, interrupted);
      // The worker is listed before its thread starts, so that the owner interrupts and joins it.
      if (workers.compareAndSet(task, null, worker)) {
        worker.thread.start();
      }
    }

    void interruptAll() {
      for (int task = 0; task < workers.length(); task++) {
        Worker worker = workers.get(task);
        if (worker != null && worker.first == task) {
          worker.thread.interrupt();
        }
      }
    }

    /**
     * Joins every thread started but those of abandoned attempts; an interrupt meanwhile is kept
     * for the caller.
     */
    void joinAll(Abandonment abandonment) {
      boolean interrupted = false;
      for (int task = 0; task < workers.length(); task++) {
        Worker worker = workers.get(task);
        if (worker != null && worker.first == task && !abandonment.abandoned(worker.thread)) {
          interrupted |= RunClock.join(worker.thread);
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * One thread, running its first task, within which the run runs every task the thread took;
     * each counted as ended once the first task has returned or thrown.
     */
    private final class Worker implements Runnable {
      final Thread thread;
      final int first;
      private final boolean interrupted;
      /** How many tasks this thread took; written and read by this thread only. */
      int taken;

      Worker(int first, boolean interrupted) {
        this.first = first;
        this.interrupted = interrupted;
        this.thread = Thread.ofVirtual().name(names.get(first)).unstarted(this);
      }

      @Override
      public void run() {
        if (interrupted) {
          thread.interrupt();
        }
        try {
          tasks.get(first).run();
          runUnclaimedReadyAtStart();
        } finally {
          completions.ended(1 + taken);
        }
      }

      /**
       * Done with its own tasks, runs those ready as the run started that the owner has not yet
       * started a thread for, so that a wide run of short steps needs fewer threads than steps; a
       * step taken so starts sooner than the owner would have started its thread. Not once the
       * run is stopping or this thread was interrupted or abandoned: the owner then starts what is
       * left.
       */
      private void runUnclaimedReadyAtStart() {
        while (!stopRequested.getAsBoolean() && !thread.isInterrupted()
            && !abandonment.abandoned(thread)) {
          int task = takeReadyAtStart(this);
          if (task < 0) {
            return;
          }
          taken++;
          thread.setName(names.get(task));
          tasks.get(task).run();
        }
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

    /** Counts {@code tasks} tasks as ended. */
    void ended(int tasks) {
      if ((running.addAndGet(-tasks) == 0 || stopRequested.getAsBoolean()) && !ownerLeft) {
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
