package dev.braid.runtime.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * When the caller of a run may assemble its result, and when the run ended. Part of the {@link
 * RunCoordinator}, guarded by its lock: the coordinator calls the methods that take {@link
 * Effects} under it; the others take it themselves.
 *
 * <p>The caller of an unwatched run waits for its scope and needs none of this. The caller of a
 * watched run ({@link RunSettings#watched()}) waits here instead, for the scope's owner is a thread
 * of the run's own: the run settles when that owner has closed the scope, or, once an attempt was
 * abandoned (whose thread may hold the scope open for long), as soon as no step can change the
 * outcome: every step task has ended, or the run is stopping and no step is running or deciding.
 *
 * <p>On a virtual time source, a child run started by a parent's step borrows that step's busy
 * count while it runs ({@link #borrowCallersCount}) and gives it back as its last task ends.
 */
final class RunSettling {
  private final ReentrantLock lock;
  private final RunClock clock;
  /** Wakes a caller that owns the scope when the run settles early. */
  private final InFlight inFlight;
  /** Opens when the caller of a watched run may stop waiting; null if the run is not watched. */
  private final @Nullable CountDownLatch settled;
  private int unfinishedTasks; // guarded by lock
  /** On a replaced time source, when the last step task ended; {@link RunClock#NONE} until then. */
  private volatile long lastTaskEndedNanos = RunClock.NONE; // written under lock
  /** Whether the run owes its caller the busy count it borrowed. */
  private boolean owesCaller; // guarded by lock
  private volatile boolean abandonedAny; // written under lock

  RunSettling(ReentrantLock lock, RunClock clock, boolean watched, int tasks, InFlight inFlight) {
    this.lock = lock;
    this.inFlight = inFlight;
    this.clock = clock;
    this.settled = watched ? new CountDownLatch(1) : null;
    this.unfinishedTasks = tasks;
  }

  /** Whether every step task has ended. Under the lock. */
  boolean allTasksEnded() {
    return unfinishedTasks == 0;
  }

  /** One step task has ended; the last gives the caller its busy count back. Under the lock. */
  void taskEnded(Effects effects) {
    if (--unfinishedTasks == 0 && !clock.real()) {
      lastTaskEndedNanos = clock.nanos();
      repayCaller(effects);
    }
  }

  /** Notes an abandoned attempt: the caller stops waiting for the scope. Under the lock. */
  void abandoned() {
    abandonedAny = true;
  }

  /** Whether the run abandoned an inline attempt, whose thread may still hold the scope. */
  boolean abandonedAny() {
    return abandonedAny;
  }

  /**
   * Lets the caller of a run that abandoned an attempt go once no step can change the outcome:
   * every step task has ended, or the run is {@code stopping} and no step is running or deciding.
   * Steps that have not begun never will, as {@link RunCoordinator#begin} refuses. Under the lock.
   */
  void settleIfDecided(boolean stopping, StepProgress[] steps, Effects effects) {
    if (!abandonedAny || settled == null || settled.getCount() == 0) {
      return;
    }
    boolean decided = unfinishedTasks == 0;
    if (!decided && stopping) {
      decided = true;
      for (StepProgress step : steps) {
        decided &= !step.running && !step.deciding;
      }
    }
    if (decided) {
      effects.then(settled::countDown);
      inFlight.settled(effects);
    }
  }

  /** The scope's owner closed the scope; lets the caller go unless an attempt was abandoned. */
  void scopeClosed(Effects effects) {
    if (!abandonedAny && settled != null) {
      effects.then(settled::countDown);
    }
  }

  /** Whether the run settled with an attempt abandoned, before its scope closed. */
  boolean settledEarly() {
    return abandonedAny && settled != null && settled.getCount() == 0;
  }

  /** Waits until the caller of a watched run may assemble its result. */
  void await() throws InterruptedException {
    if (settled != null) {
      settled.await();
    }
  }

  /**
   * Borrows the busy count of the caller, a step of a parent run on the same time source that
   * waits for this child run: without it, time could not move while the child's steps wait on
   * it. Called after the gates opened their roots, so that the count never drops to zero between.
   */
  void borrowCallersCount() {
    Effects.decide(lock, effects -> {
      owesCaller = true;
      effects.then(clock::idle);
    });
  }

  /** Gives the caller its busy count back, once: as the last task ends or as the caller returns. */
  void repayCaller() {
    Effects.decide(lock, this::repayCaller);
  }

  private void repayCaller(Effects effects) {
    if (owesCaller) {
      owesCaller = false;
      effects.then(clock::busy);
    }
  }

  /**
   * When the run ended, for its result: now, except on a replaced time source, where it is when
   * the last step task ended, before that thread went idle; a virtual source may move on to an
   * alarm left over (a deadline, a grace) before the caller gets to read the time.
   */
  long endNanos() {
    long lastTaskEnded = lastTaskEndedNanos;
    return lastTaskEnded == RunClock.NONE ? clock.nanos() : lastTaskEnded;
  }
}
