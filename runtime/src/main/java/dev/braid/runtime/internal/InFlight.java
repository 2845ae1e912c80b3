package dev.braid.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The attempts and threads in flight in one run that its scope does not reach by itself, and how
 * a stop reaches them: inline attempts, through the run's {@link AttemptWatch}; attempts on
 * threads of their own, which are shielded rather than interrupted; threads a step was handed to
 * after an abandoned attempt; on a virtual time source, every thread holding a step; and the
 * scope's owner, woken so that it cancels the scope.
 *
 * <p>Part of the {@link RunCoordinator}, guarded by its lock. Methods that take {@link Effects}
 * are called under it and leave their interrupts and thread starts to the caller; the others take
 * it themselves and carry out their effects after releasing it, but for {@link #hold} and {@link
 * #startInline}, which every step's thread calls at once and which say how they do without it.
 */
final class InFlight implements RunScope.Abandonment {
  private final RunCoordinator run;
  private final ReentrantLock lock;
  private final RunClock clock;
  private final long deadlineNanos;
  /** The timers of a watched run's inline attempts and deadline; null if it is not watched. */
  private final @Nullable AttemptWatch watch;
  /**
   * Per step in a watched run or one on a replaced time source, the thread holding it: its scope
   * thread from when the task starts, then any it was handed to; null in other runs.
   */
  private final @Nullable AtomicReferenceArray<@Nullable Thread> holders;
  /** Threads steps were handed to after an abandoned attempt. */
  private final List<Thread> handedTo = new ArrayList<>(); // guarded by lock
  /** Scope threads whose inline attempts were abandoned; the scope may leave them behind. */
  private final List<Thread> abandonedThreads = new ArrayList<>(); // guarded by lock
  /** Per step, its attempt on a thread of its own; made by the first, as most runs have none. */
  private @Nullable Attempt @Nullable [] ownThreads; // guarded by lock
  /** The thread waiting in the run's scope, woken by a stop; null outside the scope. */
  private @Nullable Thread scopeOwner; // guarded by lock
  private boolean ownerWoken; // guarded by lock
  /** Whether the scope's owner returns once the run settles, leaving abandoned threads behind. */
  private boolean ownerLeavesAbandoned; // guarded by lock
  /**
   * Goes on with steps whose inline attempts were abandoned; set before the steps start, and read
   * under the lock by the watch, which only a step's start can arm.
   */
  private volatile @Nullable StepRunner runner;

  InFlight(RunCoordinator run, ReentrantLock lock, RunClock clock, int steps, boolean watched,
      long deadlineNanos) {
    this.run = run;
    this.lock = lock;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
    this.watch = watched ? new AttemptWatch(this, lock, clock, steps, deadlineNanos) : null;
    this.holders = watched || !clock.real() ? new AtomicReferenceArray<>(steps) : null;
  }

  private void decide(java.util.function.Consumer<Effects> decision) {
    Effects.decide(lock, decision);
  }

  /** Lets {@code runner} go on with steps whose attempts were abandoned; before steps start. */
  void resumeWith(StepRunner runner) {
    this.runner = runner;
  }

  /**
   * Notes that the calling thread holds the step; called as it starts the step, without the lock,
   * as every step's thread does at once: the step's own thread, or the thread of a dependency that
   * took the step. Only {@link #handOver} writes it later.
   */
  void hold(int index) {
    if (holders != null) {
      holders.set(index, Thread.currentThread());
    }
  }

  /**
   * Starts watching an inline attempt about to start, unless the run is stopping; false means it
   * must not start, and the caller {@linkplain #withdraw withdraws} it. Only in a watched run.
   */
  boolean startInline(Attempt attempt) {
    AttemptWatch watching = Objects.requireNonNull(watch);
    boolean due = watching.publish(attempt); // lock-free: see AttemptWatch#publish
    if (run.stopping()) {
      return false;
    }
    if (due) {
      decide(effects -> watching.arm(attempt.timeoutNanos(), effects));
    }
    return true;
  }

  /** Withdraws an inline attempt the run refused; false if it was abandoned meanwhile. */
  boolean withdraw(Attempt attempt) {
    return Effects.read(lock, attempt::withdraw);
  }

  /**
   * Hands the step of an inline attempt the watch has just abandoned to a new thread, which
   * classifies the attempt and goes on with the step ({@link StepRunner#resume}); the abandoned
   * thread leaves it alone from then on. Under the lock.
   */
  void handOver(Attempt abandoned, Effects effects) {
    StepRunner resumer = Objects.requireNonNull(runner);
    int index = abandoned.index();
    Thread next =
        Thread.ofVirtual().name(run.threadName(index)).unstarted(() -> resumer.resume(abandoned));
    run.settling().abandoned();
    Thread left = Objects.requireNonNull(holders).getAndSet(index, next);
    if (left != null) {
      abandonedThreads.add(left);
    }
    handedTo.add(next);
    effects.then(clock::busy); // given back as it ends (StepRunner.resume)
    effects.start(next);
    // A stop decided before it was alive may have interrupted it to no effect.
    effects.then(() -> {
      if (run.stopping()) {
        next.interrupt();
      }
    });
  }

  /** Starts an attempt on its own thread unless the run is stopping; false if it did not start. */
  boolean startOwnThread(Attempt attempt, int steps) {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      if (run.stopping()) {
        return false;
      }
      if (ownThreads == null) {
        ownThreads = new Attempt[steps];
      }
      ownThreads[attempt.index()] = attempt;
      attempt.start(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
    return true;
  }

  /** Forgets an attempt on its own thread once its step has stopped waiting for it. */
  void ownThreadOver(Attempt attempt) {
    decide(effects -> {
      if (ownThreads != null && ownThreads[attempt.index()] == attempt) {
        ownThreads[attempt.index()] = null;
      }
    });
  }

  /**
   * Called by the scope's owner before it forks the steps; {@code leavesAbandoned} if its scope
   * returns once the run settles ({@link #settled(Effects)}), leaving abandoned threads behind.
   */
  void enterScope(boolean leavesAbandoned) {
    Thread owner = Thread.currentThread();
    decide(effects -> {
      scopeOwner = owner;
      ownerLeavesAbandoned = leavesAbandoned;
    });
  }

  /**
   * The run settled with an attempt abandoned: wakes a scope owner that leaves abandoned threads
   * behind, so that it returns without waiting for them. Under the lock. An unpark, not an
   * interrupt: one that arrives after the owner has left is a spurious wake-up, which every park
   * loops past, where a late interrupt would be taken for a cancel.
   */
  void settled(Effects effects) {
    Thread owner = scopeOwner;
    if (owner != null && ownerLeavesAbandoned) {
      effects.then(() -> LockSupport.unpark(owner));
    }
  }

  @Override
  public boolean settled() {
    return run.settling().settledEarly();
  }

  /**
   * Without the lock while no attempt was abandoned, as the scope asks this of each of its threads
   * as it joins them: a thread is listed only after the run has noted an abandonment.
   */
  @Override
  public boolean abandoned(Thread thread) {
    return run.settling().abandonedAny()
        && Effects.read(lock, () -> abandonedThreads.contains(thread));
  }

  /**
   * Called by the scope's owner once the scope has closed; clears a wake-up not yet consumed and
   * says whether the run woke the owner, so that an interrupt it caught was the run's, not its
   * caller's.
   */
  boolean leaveScope() {
    boolean woken;
    lock.lock();
    try {
      scopeOwner = null;
      woken = ownerWoken;
    } finally {
      lock.unlock();
    }
    if (woken) {
      Thread.interrupted();
    }
    return woken;
  }

  /** Arms the watch for the deadline, if the run has one, once the steps are forked. */
  void openWatch() {
    if (deadlineNanos != RunClock.NONE) {
      decide(effects -> Objects.requireNonNull(watch).open(effects));
    }
  }

  /** Disarms the watch once the outcome is decided. */
  void closeWatch() {
    decide(effects -> Objects.requireNonNull(watch).close(effects));
  }

  /**
   * Reaches every attempt and thread a stop must reach itself, as the run starts to stop: stops
   * the watched inline attempts, shields or stops those on threads of their own, interrupts the
   * threads steps were handed to and, on a virtual time source, every other holder at once (time
   * may move on as soon as the stopping thread is idle, so a step pausing to retry must be woken
   * now, not when the scope's owner gets to it), and wakes the scope's owner. Under the lock.
   */
  void stop(long now, boolean deadline, Effects effects) {
    if (watch != null) {
      watch.stop(effects);
    }
    stopOwnThreads(now, deadline, effects);
    handedTo.forEach(effects::interrupt);
    Thread current = Thread.currentThread();
    if (holders != null && !clock.real()) {
      for (int i = 0; i < holders.length(); i++) {
        Thread holder = holders.get(i);
        if (holder != null && holder != current) {
          effects.interrupt(holder);
        }
      }
    }
    Thread owner = scopeOwner;
    if (owner != null && owner != current && !ownerWoken) {
      ownerWoken = true;
      effects.then(() -> wakeOwner(owner));
    }
  }

  /**
   * Interrupts the scope's owner, to wake it, unless it has left the scope meanwhile: an interrupt
   * arriving after {@link #leaveScope} would reach the caller's own code, and a caller thread that
   * goes on to run again would take it for a cancel. Under the lock, which {@code leaveScope}
   * takes too, so that the interrupt arrives before the owner clears it there, or not at all.
   */
  private void wakeOwner(Thread owner) {
    lock.lock();
    try {
      if (scopeOwner == owner) {
        owner.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Tells every attempt on a thread of its own that the run is stopping; {@code hardLimit} (the
   * deadline) bounds how long they are waited for. Under the lock.
   */
  void stopOwnThreads(long now, boolean hardLimit, Effects effects) {
    if (ownThreads != null) {
      for (Attempt attempt : ownThreads) {
        if (attempt != null) {
          attempt.stop(now, hardLimit, effects);
        }
      }
    }
  }

  /** The watch saw the run's deadline pass. Under the lock. */
  void deadlinePassed(Effects effects) {
    run.decideStop(RunCoordinator.Stop.DEADLINE, -1, null, null, effects);
  }

  /**
   * Waits until every thread holding a step has ended, but those of abandoned attempts (which may
   * hold steps they ended before their attempt was abandoned, on a scope that runs a chain of steps
   * on one thread); called once the run has settled, when each has ended its step. Returns whether
   * the caller was interrupted meanwhile.
   */
  boolean joinHolders() {
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      if (holders != null) {
        for (int i = 0; i < holders.length(); i++) {
          Thread thread = holders.get(i);
          if (thread != null && !abandonedThreads.contains(thread)) {
            threads.add(thread);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
      interrupted |= RunClock.join(thread);
    }
    return interrupted;
  }
}
