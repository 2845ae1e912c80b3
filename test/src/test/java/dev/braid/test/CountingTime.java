package dev.braid.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link VirtualTime} seen through a count of its participants: forwards every call, and keeps
 * the balance of {@link #busy()} and {@link #idle()} that the virtual time moves by, so that a
 * test can wait until every participant waits, and see how many were busy whenever its own thread
 * read the time. Thread-safe.
 */
final class CountingTime extends ForwardingTime {
  private int busy; // guarded by this
  private @Nullable Thread watched; // guarded by this
  private final List<Integer> busyAtReads = new ArrayList<>(); // guarded by this

  CountingTime(VirtualTime time) {
    super(time);
  }

  /** Waits until every participant counted busy has gone idle. */
  synchronized void awaitIdle(Duration patience) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (busy > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(busy + " participants of the time source still busy after "
            + patience);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /**
   * Runs {@code action} on this thread, and says how many participants were busy at each of its
   * reads of {@link #instant()} meanwhile.
   */
  List<Integer> busyAtReadsOf(Runnable action) {
    synchronized (this) {
      watched = Thread.currentThread();
      busyAtReads.clear();
    }
    try {
      action.run();
    } finally {
      synchronized (this) {
        watched = null;
      }
    }
    synchronized (this) {
      return List.copyOf(busyAtReads);
    }
  }

  @Override
  public Instant instant() {
    synchronized (this) {
      if (Thread.currentThread() == watched) {
        busyAtReads.add(busy);
      }
    }
    return super.instant();
  }

  @Override
  public void busy() {
    synchronized (this) {
      busy++;
    }
    super.busy();
  }

  @Override
  public void idle() {
    super.idle();
    synchronized (this) {
      busy--;
      notifyAll();
    }
  }
}
