package dev.braid.durable.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Signals between the submitters, awaiters and workers of one JVM, which need no database round
 * trip to hear of each other: a queued run wakes the pollers of the workers started on the same
 * {@link DataSource}, a submitted run can be handed to such a worker that has a free slot, and an
 * ended run wakes whoever awaits it. Signals only shorten waits; every
 * waiter also polls, so a signal that goes to no one, or to a waiter that just stopped listening,
 * loses nothing. Thread-safe.
 */
public final class LocalSignals {
  private static final Map<DataSource, Set<LocalWorker>> WORKERS = new ConcurrentHashMap<>();
  private static final Map<String, Set<Watch>> WATCHES = new ConcurrentHashMap<>();

  private LocalSignals() {}

  /** A worker started in this JVM, as submitters on its {@code DataSource} see it. */
  public interface LocalWorker {
    /** Wakes its poller: a run was queued. */
    void wake();

    /**
     * Reserves a free slot for a run of {@code pipeline} that a submitter hands over already
     * claimed; null if the worker does not run that pipeline, is full, or is stopping.
     */
    @Nullable Handover reserve(String pipeline);
  }

  /**
   * A slot a worker reserved for a run submitted in its JVM: the submitter stores the run already
   * leased to {@link #owner()} and {@link #instance()}, then calls exactly one of {@link #start}
   * or {@link #cancel}.
   */
  public interface Handover {
    String owner();

    String instance();

    /** How long the stored lease lasts before the worker's heartbeat renews it. */
    Duration lease();

    /** Runs the stored run in the reserved slot. */
    void start(Claim claim, Instant leaseUntil);

    /** Gives the slot back: the run could not be stored. */
    void cancel();
  }

  /**
   * Makes {@code worker} known to the submitters of {@code dataSource} in this JVM, until the
   * returned handle is closed.
   */
  public static Registration register(DataSource dataSource, LocalWorker worker) {
    WORKERS.computeIfAbsent(dataSource, unused -> ConcurrentHashMap.newKeySet()).add(worker);
    return () -> WORKERS.computeIfPresent(dataSource, (unused, workers) -> {
      workers.remove(worker);
      return workers.isEmpty() ? null : workers;
    });
  }

  /**
   * Wakes the workers of {@code dataSource} in this JVM: a run was queued, or a schedule stored,
   * after its commit.
   */
  static void runQueued(DataSource dataSource) {
    Set<LocalWorker> workers = WORKERS.get(dataSource);
    if (workers != null) {
      workers.forEach(LocalWorker::wake);
    }
  }

  /**
   * A free slot of a worker of {@code dataSource} in this JVM that runs {@code pipeline}, reserved;
   * null if there is none.
   */
  public static @Nullable Handover reserve(DataSource dataSource, String pipeline) {
    Set<LocalWorker> workers = WORKERS.get(dataSource);
    if (workers != null) {
      for (LocalWorker worker : workers) {
        Handover handover = worker.reserve(pipeline);
        if (handover != null) {
          return handover;
        }
      }
    }
    return null;
  }

  /** Starts watching for the end of run {@code id}; close the watch when done. */
  public static Watch watch(String id) {
    Watch watch = new Watch(id);
    WATCHES.computeIfAbsent(id, unused -> ConcurrentHashMap.newKeySet()).add(watch);
    return watch;
  }

  /** Wakes whoever in this JVM watches run {@code id}: it ended, after the commit that ended it. */
  public static void runEnded(String id) {
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
