package dev.braid.durable.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The run slots of one worker, taken by its poller's claims and by runs handed over from
 * submitters of the same JVM. The poller holds every free slot while it claims, so that a handover
 * cannot take a slot a claimed run needs; a handover that comes meanwhile waits for the claim, a
 * single statement, for a short while, and else gives up (its run is queued). Once {@link
 * #stopHandovers()} has returned, no handover is pending and none starts. Thread-safe; all state
 * is guarded by this object's monitor, and nothing waits on I/O while holding it.
 */
public final class Slots {
  private int free;
  private int handovers; // reserved for runs being handed over, not yet started or given back
  private boolean claiming; // the poller holds the free slots to claim
  private boolean stopped;

  public Slots(int slots) {
    this.free = slots;
  }

  /** Takes every free slot for a claim; call {@link #endClaim} with as many. */
  public synchronized int holdForClaim() {
    int held = free;
    free = 0;
    claiming = held > 0;
    return held;
  }

  /** Ends a claim that held {@code held} slots and started {@code used} runs in them. */
  public synchronized void endClaim(int held, int used) {
    free += held - used;
    if (held > 0) {
      claiming = false;
      notifyAll();
    }
  }

  /** Frees the slot of a run that ended. */
  public synchronized void release() {
    free++;
    notifyAll();
  }

  /**
   * Reserves a free slot for a run handed over, waiting up to {@code patience} for a claim in
   * progress; false if there is none, or handovers were stopped. Call {@link #handoverEnded}
   * after a true.
   */
  public synchronized boolean reserveForHandover(Duration patience) throws InterruptedException {
    long until = System.nanoTime() + patience.toNanos();
    for (long left = patience.toNanos(); claiming && !stopped && left > 0;
        left = until - System.nanoTime()) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (stopped || claiming || free == 0) {
      return false;
    }
    free--;
    handovers++;
    return true;
  }

  /** Ends a handover: its run started in the slot, or the slot is given back. */
  public synchronized void handoverEnded(boolean started) {
    handovers--;
    if (!started) {
      free++;
    }
    notifyAll();
  }

  /** Refuses handovers from now on, and waits until those pending have ended. */
  public synchronized void stopHandovers() throws InterruptedException {
    stopped = true;
    notifyAll();
    while (handovers > 0) {
      wait();
    }
  }

  /** Refuses handovers from now on, without waiting. */
  public synchronized void refuseHandovers() {
    stopped = true;
    notifyAll();
  }
}
