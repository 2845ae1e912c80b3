package dev.braid.runtime.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The gates a run's steps wait at until their dependencies have ended. Per step, a count of the
 * dependencies yet to end. On a scope that starts steps as they become ready, the dependency that
 * brings the count to zero starts the step's thread; on one that forks every step at once, the
 * step waits for zero by parking, and that dependency unparks it. Cheaper than a latch per step,
 * of which a run would allocate hundreds. Thread-safe.
 *
 * <p>On either scope, the thread that ends a step takes the first dependent it lets go for itself
 * ({@link #takeNext}), and {@link StepRunner} runs that step on it next, rather than starting or
 * waking another thread for it: a chain of steps thus runs on one thread, with no thread start and
 * no wake-up between two steps. Every other dependent gets a thread of its own. Only one other
 * thread could also run a step the ending thread takes, and whoever knows that thread decides, by
 * compare-and-set: on a scope that starts steps as they become ready, the scope ({@link
 * RunScope.Start#take}), which may have started the step's thread already as the run stopped; on
 * one that forks every step at once, these gates, between the ending thread and the step's own,
 * which, woken all the same, finds its step taken and ends.
 *
 * <p>A gate that opens counts its step busy on the run's clock ({@link RunClock#busy()}) before
 * the step can see it open, and the step's thread gives that count back when it leaves ({@link
 * #leave}), so that a virtual time source never sees the run idle between a step's end and its
 * dependents' start. A step that leaves before its gate opens closes it for good, so that no
 * count is taken for it later.
 */
final class DependencyGates {
  /** The count of a gate whose step left before it opened; never reaches zero again. */
  private static final int LEFT = Integer.MIN_VALUE / 2;
  /** No step: the thread that ended a step takes none next. */
  static final int NONE = -1;
  private static final int UNCLAIMED = 0;
  private static final int CLAIMED_BY_OWN_THREAD = 1;
  private static final int TAKEN = 2;

  /** How a step's own thread left its gate. */
  enum Passage {
    /** The gate opened: the thread runs the step. */
    OPEN,
    /** The thread was interrupted first: the run stopped before the step could start. */
    INTERRUPTED,
    /** The thread of a dependency took the step: this thread leaves it alone. */
    TAKEN
  }

  private final RunClock clock;
  /**
   * Whether the gates count busy on the run's clock: only on a replaced time source, as the
   * system's ignores the count, which the hot path then does not ask for at all.
   */
  private final boolean counting;
  private final AtomicIntegerArray waiting;
  /**
   * Per step, the thread parked waiting for its dependencies, once it waits. The waiter publishes
   * itself before reading its count and a releaser counts down before reading the waiter, so one
   * of them always sees the other.
   */
  private final AtomicReferenceArray<@Nullable Thread> waiters;
  /**
   * Per step, on a scope that forks every step at once, who runs it: its own thread or the thread
   * that took it; null on a scope that starts steps as they become ready, which decides that.
   */
  private final @Nullable AtomicIntegerArray claims;
  /**
   * Per step, the step the thread that ended it takes next, or {@link #NONE}; each entry written
   * and read by that one thread.
   */
  private final int[] next;

  /**
   * Starts a step's thread, or lets the thread ending a dependency take the step, on a scope that
   * starts steps as they become ready ({@link #readiness}); null on one that forks every step at
   * once. Set by the scope's owner before it starts any step's thread, and so seen by every thread
   * that releases a gate.
   */
  private volatile RunScope.@Nullable Start opener;
  /** The task of each step, for {@link #opener}, or null if task {@code i} is step {@code i}. */
  private int @Nullable [] taskOfStep;

  private DependencyGates(RunClock clock, int[] dependencyCounts, boolean forksAll) {
    this.clock = clock;
    this.counting = clock.replaced();
    this.waiting = new AtomicIntegerArray(dependencyCounts); // a copy
    this.waiters = new AtomicReferenceArray<>(dependencyCounts.length);
    this.claims = forksAll ? new AtomicIntegerArray(dependencyCounts.length) : null;
    this.next = new int[dependencyCounts.length];
    Arrays.fill(next, NONE);
  }

  /**
   * The gates of a run of {@code schedule}: each step waits for its dependencies, less those whose
   * earlier output {@code resume} reuses; a reused step never waits, so its gate is shut for good.
   */
  static DependencyGates of(Schedule schedule, RunClock clock, @Nullable ResumePlan resume) {
    return of(schedule, clock, resume, !RunScope.scope().startsWhenReady());
  }

  /**
   * Like {@link #of(Schedule, RunClock, ResumePlan)}, for a scope that forks every step at once if
   * {@code forksAll}, else one that starts steps as they become ready.
   */
  static DependencyGates of(Schedule schedule, RunClock clock, @Nullable ResumePlan resume,
      boolean forksAll) {
    int[] counts = schedule.dependencyCounts();
    if (resume != null) {
      counts = counts.clone();
      for (int i = 0; i < counts.length; i++) {
        if (resume.reused(i)) {
          for (int dependent : schedule.dependents(i)) {
            counts[dependent]--;
          }
        }
      }
      for (int i = 0; i < counts.length; i++) {
        if (resume.reused(i)) {
          counts[i] = LEFT;
        }
      }
    }
    return new DependencyGates(clock, counts, forksAll);
  }

  /**
   * Counts busy, on the run's clock, every step that runs and waits for no dependency; called
   * once, before the run forks its steps.
   */
  void openRoots() {
    for (int i = 0; i < waiting.length(); i++) {
      if (counting && waiting.get(i) == 0) {
        clock.busy();
      }
    }
  }

  /**
   * The gates as a scope's {@link RunScope.Readiness} for the run's tasks: a task is ready once its
   * step's gate is open, and each gate that opens later has its task started or taken then, on the
   * thread that opened it ({@link #release}).
   *
   * @param steps the step of each task, in the tasks' order, or null if task {@code i} is step
   *     {@code i}
   */
  RunScope.Readiness readiness(int @Nullable [] steps) {
    return new RunScope.Readiness() {
      @Override
      public boolean ready(int task) {
        return waiting.get(steps == null ? task : steps[task]) == 0;
      }

      @Override
      public void whenReady(RunScope.Start start) {
        if (steps != null) {
          int[] tasks = new int[waiting.length()];
          for (int task = 0; task < steps.length; task++) {
            tasks[steps[task]] = task;
          }
          taskOfStep = tasks; // published by the volatile write of the opener
        }
        opener = start;
      }
    };
  }

  /**
   * Waits on the step's own thread until every dependency of step {@code index} has ended, or the
   * thread is interrupted (the interrupt consumed), and says whether the thread runs the step.
   */
  Passage await(int index) {
    if (waiting.get(index) > 0) {
      waiters.set(index, Thread.currentThread());
      while (waiting.get(index) > 0) {
        if (Thread.interrupted()) {
          return claimForOwnThread(index) ? Passage.INTERRUPTED : Passage.TAKEN;
        }
        LockSupport.park(this);
      }
    }
    return claimForOwnThread(index) ? Passage.OPEN : Passage.TAKEN;
  }

  private boolean claimForOwnThread(int index) {
    return claims == null || claims.compareAndSet(index, UNCLAIMED, CLAIMED_BY_OWN_THREAD);
  }

  /**
   * The step the calling thread takes next, having ended step {@code ended}: one that the end let
   * go and it took, or {@link #NONE}.
   */
  int takeNext(int ended) {
    return next[ended];
  }

  /**
   * Dependency {@code ending} of step {@code index} has ended, on the thread that held it; lets
   * the step go if it was the last: the calling thread takes it, to run once it is done with
   * {@code ending}, if it has taken none yet and may; else it starts the step's thread, on a scope
   * that starts steps as they become ready, or wakes it.
   */
  void release(int index, int ending) {
    if (counting) {
      clock.busy(); // before the count can reach zero, so that a step seeing it open is counted
    }
    RunScope.Start open = opener;
    // On a scope that forks every step, the step's own thread claims it as soon as it sees the
    // gate open; so the last dependency, which alone still counts (each releases once), claims
    // the step before it opens the gate, lest the own thread get in between.
    boolean taken = open == null && next[ending] == NONE && waiting.get(index) == 1
        && take(null, index, ending);
    if (waiting.decrementAndGet(index) != 0) {
      if (counting) {
        clock.idle();
      }
      return;
    }
    if (taken || next[ending] == NONE && take(open, index, ending)) {
      next[ending] = index; // this thread runs it once it is done with ending
    } else if (open != null) {
      open.ready(task(index));
    }
    Thread waiter = waiters.get(index);
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
  }

  /** Whether the thread ending step {@code ending} may take step {@code index}, now claimed. */
  private boolean take(RunScope.@Nullable Start open, int index, int ending) {
    if (open != null) {
      return open.take(task(index), task(ending));
    }
    return Objects.requireNonNull(claims).compareAndSet(index, UNCLAIMED, TAKEN);
  }

  private int task(int step) {
    int[] tasks = taskOfStep;
    return tasks == null ? step : tasks[step];
  }

  /**
   * Called once by the thread that waited at step {@code index}'s gate as it is done with the step:
   * gives back the busy count the gate's opening took, or closes a gate that is still shut.
   */
  void leave(int index) {
    while (true) {
      int count = waiting.get(index);
      if (count == 0) {
        if (counting) {
          clock.idle();
        }
        return;
      }
      if (waiting.compareAndSet(index, count, LEFT)) {
        return;
      }
    }
  }
}
