package dev.braid.runtime.internal;

import org.jspecify.annotations.Nullable;

/**
 * The thread waiting in a run's scope for its steps, and the way to wake it when the run stops.
 * The scope's joiner only hears of steps that end, so a stop decided elsewhere — a cancel, the
 * deadline, a budget, a failing step whose thread goes on — interrupts the waiting owner, which
 * then cancels the scope. This costs no thread per run, where a task that waits for the stop
 * would.
 *
 * <p>The owner tells such a wake-up from its caller's own interrupt with {@link #leave()}, and a
 * wake-up that lands after the scope has returned is cleared there, so it never leaks to the
 * caller. Thread-safe.
 */
final class ScopeOwner {
  private @Nullable Thread owner; // guarded by this
  private boolean stopped; // guarded by this
  private boolean woken; // guarded by this

  /** Called by the owner before it forks the scope; a run stopped already wakes it at once. */
  synchronized void enter() {
    owner = Thread.currentThread();
    if (stopped) {
      wakeOwner();
    }
  }

  /** Wakes the owner if it is in the scope and is not the calling thread. */
  synchronized void stop() {
    stopped = true;
    if (owner != null) {
      wakeOwner();
    }
  }

  private void wakeOwner() {
    if (owner != Thread.currentThread() && !woken) {
      woken = true;
      owner.interrupt();
    }
  }

  /**
   * Called by the owner once the scope has closed; clears a wake-up that has not been consumed
   * and says whether the run woke the owner, so that an interrupt it caught was the run's, not
   * its caller's.
   */
  synchronized boolean leave() {
    owner = null;
    if (woken) {
      Thread.interrupted();
    }
    return woken;
  }
}
