package dev.braid.durable.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One run in flight on a worker; the flags say why its thread was interrupted. Its thread is
 * interrupted only while the run runs, never while the worker writes its outcome: an interrupt
 * closes a PostgreSQL connection's socket. Only {@link LeaseKeeping} sets the flags. Thread-safe.
 */
public final class InFlight {
  private final Claim claim;
  private volatile @Nullable Thread thread;
  private volatile boolean cancelRequested;
  private volatile boolean leaseLost;
  /** When the lease runs out unless a heartbeat renews it, as last written to the database. */
  private volatile Instant leaseUntil;
  private boolean ended;

  public InFlight(Claim claim, Instant leaseUntil) {
    this.claim = claim;
    this.leaseUntil = leaseUntil;
  }

  public Claim claim() {
    return claim;
  }

  /** Whether someone asked to cancel the run while it ran. */
  public boolean cancelRequested() {
    return cancelRequested;
  }

  /** Whether the worker lost the run's lease, so that its outcome is not the worker's to write. */
  public boolean leaseLost() {
    return leaseLost;
  }

  /** Runs {@code body} on a virtual thread of its own, named after the run. */
  public void start(Runnable body) {
    Thread started = Thread.ofVirtual().name("braid-durable " + claim.pipeline() + " " + claim.id())
        .unstarted(body);
    thread = started;
    started.start();
  }

  /** Waits for the run's thread to end, if it was started. */
  public void join() throws InterruptedException {
    Thread running = thread;
    if (running != null) {
      running.join();
    }
  }

  /** Interrupts the run's thread, unless the run has already returned. */
  public synchronized void interrupt() {
    Thread running = thread;
    if (!ended && running != null) {
      running.interrupt();
    }
  }

  /** Called on the run's thread once the run has returned; clears a late interrupt. */
  public synchronized void end() {
    ended = true;
    Thread.interrupted();
  }

  Instant leaseUntil() {
    return leaseUntil;
  }

  void renewed(Instant until) {
    leaseUntil = until;
  }

  void loseLease() {
    leaseLost = true;
  }

  void requestCancel() {
    cancelRequested = true;
  }
}
