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
 * <p>On a scope that forks every step at once, the thread that ends a step takes the first
 * dependent it lets go for itself ({@link #takeNext}), rather than waking that dependent's parked
 * thread to run it: a chain of steps then runs on one thread, with no wake-up between two steps.
 * The dependent's own thread, woken all the same, finds its step taken and ends. Each step goes to
 * the one of the two that claims it first, by compare-and-set.
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
  static final int NONE = RunScope.Start.NO_TASK;
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
   * that took it; null on a scope that starts steps as they become ready.
   */
  private final @Nullable AtomicIntegerArray claims;
  /**
   * Per step, on a scope that forks every step at once, the step the thread that ended it takes
   * next, or {@link #NONE}; each entry written and read by that one thread. Null on other scopes.
   */
  private final int @Nullable [] next;

  /**
   * Starts the thread of a step whose gate opened, on a scope that starts steps as they become
   * ready ({@link #readiness}); null on one that forks every step at once. Set by the scope's owner
   * before it starts any step's thread, and so seen by every thread that releases a gate.
   */
  private volatile RunScope.@Nullable Start opener;

  private DependencyGates(RunClock clock, int[] dependencyCounts) {
    this.clock = clock;
    this.counting = clock.replaced();
    this.waiting = new AtomicIntegerArray(dependencyCounts); // a copy
    this.waiters = new AtomicReferenceArray<>(dependencyCounts.length);
    boolean forksAll = !RunScope.scope().startsWhenReady();
    this.claims = forksAll ? new AtomicIntegerArray(dependencyCounts.length) : null;
    this.next = forksAll ? new int[dependencyCounts.length] : null;
    if (next != null) {
      Arrays.fill(next, NONE);
    }
  }

  /**
   * The gates of a run of {@code schedule}: each step waits for its dependencies, less those whose
   * earlier output {@code resume} reuses; a reused step never waits, so its gate is shut for good.
   */
  static DependencyGates of(Schedule schedule, RunClock clock, @Nullable ResumePlan resume) {
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
    return new DependencyGates(clock, counts);
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
   * step's gate is open, and each gate that opens later reports its task then, on the thread that
   * opened it, with the task whose end opened it.
   *
   * @param steps the step of each task, in the tasks' order, or null if task {@code i} is step
   *     {@code i}
   */
  RunScope.Readiness readiness(int @Nullable [] steps) {
    int[] tasks;
    if (steps == null) {
      tasks = null;
    } else {
      tasks = new int[waiting.length()];
      for (int task = 0; task < steps.length; task++) {
        tasks[steps[task]] = task;
      }
    }
    return new RunScope.Readiness() {
      @Override
      public boolean ready(int task) {
        return waiting.get(steps == null ? task : steps[task]) == 0;
      }

      @Override
      public void whenReady(RunScope.Start start) {
        opener = tasks == null ? start : (step, endingStep) -> start.ready(tasks[step],
            endingStep == RunScope.Start.NO_TASK ? RunScope.Start.NO_TASK : tasks[endingStep]);
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
   * go and it claimed, or {@link #NONE}. Only on a scope that forks every step at once.
   */
  int takeNext(int ended) {
    return next == null ? NONE : next[ended];
  }

  /**
   * Dependency {@code ending} of step {@code index} has ended, on the thread that held it; lets the
   * step go if it was the last: starts it, on a scope that starts steps as they become ready (which
   * may run it on this thread once {@code ending} is over), or wakes it.
   */
  void release(int index, int ending) {
    if (counting) {
      clock.busy(); // before the count can reach zero, so that a step seeing it open is counted
    }
    if (waiting.decrementAndGet(index) != 0) {
      if (counting) {
        clock.idle();
      }
      return;
    }
    RunScope.Start open = opener;
    if (open != null) {
      open.ready(index, ending);
    } else if (next != null && ending != NONE && next[ending] == NONE
        && Objects.requireNonNull(claims).compareAndSet(index, UNCLAIMED, TAKEN)) {
      next[ending] = index; // this thread runs it once it is done with ending
    }
    Thread waiter = waiters.get(index);
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
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
