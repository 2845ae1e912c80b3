package dev.braid.durable.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Signals between the submitters, awaiters and workers of one JVM, which need no database round
 * trip to hear of each other: a queued run wakes the pollers of the workers started on the same
 * {@link DataSource}, and an ended run wakes whoever awaits it. Signals only shorten waits; every
 * waiter also polls, so a signal that goes to no one, or to a waiter that just stopped listening,
 * loses nothing. Thread-safe.
 */
public final class LocalSignals {
  private static final Map<DataSource, Set<Runnable>> POLLERS = new ConcurrentHashMap<>();
  private static final Map<String, Set<Watch>> WATCHES = new ConcurrentHashMap<>();

  private LocalSignals() {}

  /**
   * Has {@code wake} run whenever a run is queued through {@code dataSource} in this JVM, until
   * the returned handle is closed.
   */
  public static Registration onQueued(DataSource dataSource, Runnable wake) {
    POLLERS.computeIfAbsent(dataSource, unused -> ConcurrentHashMap.newKeySet()).add(wake);
    return () -> POLLERS.computeIfPresent(dataSource, (unused, wakes) -> {
      wakes.remove(wake);
      return wakes.isEmpty() ? null : wakes;
    });
  }

  /** Wakes the workers of {@code dataSource} in this JVM: a run was queued, after its commit. */
  static void runQueued(DataSource dataSource) {
    Set<Runnable> wakes = POLLERS.get(dataSource);
    if (wakes != null) {
      wakes.forEach(Runnable::run);
    }
  }

  /** Starts watching for the end of run {@code id}; close the watch when done. */
  public static Watch watch(String id) {
    Watch watch = new Watch(id);
    WATCHES.computeIfAbsent(id, unused -> ConcurrentHashMap.newKeySet()).add(watch);
    return watch;
  }

  /** Wakes whoever in this JVM watches run {@code id}: it ended, after the commit that ended it. */
  static void runEnded(String id) {
    Set<Watch> watches = WATCHES.get(id);
    if (watches != null) {
      watches.forEach(Watch::signal);
    }
  }

  /** A registration for signals, ended by {@link #close()}. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** One waiter's interest in the end of one run. */
  public static final class Watch implements Registration {
    private final String id;
    private final Semaphore signals = new Semaphore(0);

    private Watch(String id) {
      this.id = id;
    }

    /** Waits until the run may have ended, or {@code most} has passed; true if signalled. */
    public boolean await(Duration most) throws InterruptedException {
      boolean signalled = signals.tryAcquire(most.toNanos(), TimeUnit.NANOSECONDS);
      signals.drainPermits();
      return signalled;
    }

    /** Wakes the waiter, to read the run again. */
    void signal() {
      signals.release();
    }

    @Override
    public void close() {
      WATCHES.computeIfPresent(id, (unused, watches) -> {
        watches.remove(this);
        return watches.isEmpty() ? null : watches;
      });
    }
  }
}
