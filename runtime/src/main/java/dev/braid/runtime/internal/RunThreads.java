package dev.braid.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The threads of one run that its scope does not interrupt by itself, and how a stop reaches them:
 * the scope's owner, woken so that it cancels the scope; attempts on threads of their own, which
 * are shielded rather than interrupted; threads a step was handed to after an abandoned attempt;
 * and, on a virtual time source, every thread holding a step. Part of the {@link RunCoordinator},
 * guarded by its lock: every method is called under it, and interrupts go to {@link Effects}.
 */
final class RunThreads {
  private final ReentrantLock lock;
  /**
   * Per step in a watched run or one on a replaced time source, the thread holding it: its scope
   * thread from when the task starts, then any it was handed to; null in other runs.
   */
  private final @Nullable Thread @Nullable [] holders;
  /** Threads steps were handed to after an abandoned attempt. */
  private final List<Thread> handedTo = new ArrayList<>();
  /** Per step, its attempt on a thread of its own; made by the first, as most runs have none. */
  private @Nullable Attempt @Nullable [] ownThreads;
  /** The thread waiting in the run's scope, woken by a stop; null outside the scope. */
  private @Nullable Thread scopeOwner;
  private boolean ownerWoken;

  RunThreads(ReentrantLock lock, int steps, boolean tracksHolders) {
    this.lock = lock;
    this.holders = tracksHolders ? new Thread[steps] : null;
  }

  /** Notes that {@code thread} holds step {@code index}, if this run tracks holders. */
  void hold(int index, Thread thread) {
    assert lock.isHeldByCurrentThread();
    if (holders != null) {
      holders[index] = thread;
    }
  }

  boolean tracksHolders() {
    return holders != null;
  }

  /** Notes that step {@code index} was handed to {@code thread}, which a stop must interrupt. */
  void handOver(int index, Thread thread) {
    assert lock.isHeldByCurrentThread();
    hold(index, thread);
    handedTo.add(thread);
  }

  void addOwnThread(Attempt attempt, int steps) {
    assert lock.isHeldByCurrentThread();
    if (ownThreads == null) {
      ownThreads = new Attempt[steps];
    }
    ownThreads[attempt.index()] = attempt;
  }

  void removeOwnThread(Attempt attempt) {
    assert lock.isHeldByCurrentThread();
    if (ownThreads != null && ownThreads[attempt.index()] == attempt) {
      ownThreads[attempt.index()] = null;
    }
  }

  void enterScope(Thread owner) {
    assert lock.isHeldByCurrentThread();
    scopeOwner = owner;
  }

  /** The owner left the scope; whether the run woke it, so that its interrupt was the run's. */
  boolean leaveScope() {
    assert lock.isHeldByCurrentThread();
    scopeOwner = null;
    return ownerWoken;
  }

  /**
   * Reaches every thread a stop must reach itself, as the run starts to stop: shields or stops
   * the attempts on threads of their own, interrupts the threads steps were handed to and, on a
   * virtual time source, every other holder at once (time may move on as soon as the stopping
   * thread is idle, so a step pausing to retry must be woken now, not when the scope's owner gets
   * to it), and wakes the scope's owner.
   */
  void stop(long now, boolean deadline, boolean virtualTime, Effects effects) {
    assert lock.isHeldByCurrentThread();
    stopOwnThreads(now, deadline, effects);
    handedTo.forEach(effects::interrupt);
    Thread current = Thread.currentThread();
    if (holders != null && virtualTime) {
      for (Thread holder : holders) {
        if (holder != null && holder != current) {
          effects.interrupt(holder);
        }
      }
    }
    if (scopeOwner != null && scopeOwner != current && !ownerWoken) {
      ownerWoken = true;
      effects.interrupt(scopeOwner);
    }
  }

  /**
   * Tells every attempt on a thread of its own that the run is stopping; {@code hardLimit} (the
   * deadline) bounds how long they are waited for.
   */
  void stopOwnThreads(long now, boolean hardLimit, Effects effects) {
    assert lock.isHeldByCurrentThread();
    if (ownThreads != null) {
      for (Attempt attempt : ownThreads) {
        if (attempt != null) {
          attempt.stop(now, hardLimit, effects);
        }
      }
    }
  }

  /** The threads holding steps now; empty if this run does not track them. */
  List<Thread> holders() {
    assert lock.isHeldByCurrentThread();
    List<Thread> threads = new ArrayList<>();
    if (holders != null) {
      for (Thread thread : holders) {
        if (thread != null) {
          threads.add(thread);
        }
      }
    }
    return threads;
  }
}
