package dev.braid.spring.boot.autoconfigure;

import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * The application's worker of durable runs, living in the application context's lifecycle. It
 * starts with the context, when there is at least one durable pipeline to run, and runs them all.
 * When the context stops it lets the runs in flight finish for up to the grace period, then
 * closes the worker, which stops claiming and hands the runs still in flight back to the queue
 * with their checkpoints, for this or another worker to resume. While it waits, the worker still
 * claims queued runs when it has room, as {@link Worker} cannot stop claiming without closing;
 * those runs are handed back in the same way. It stops after the web server, in a later shutdown
 * phase, so that requests in flight can still submit runs.
 *
 * <p>Thread-safe: the state changes under a lock; starting, draining and closing the worker
 * happen outside it.
 */
public final class DurableWorkers implements SmartLifecycle {
  /** Starts before, and stops after, the web server's phases. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private static final Log LOG = LogFactory.getLog(DurableWorkers.class);
  private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Where the worker stands; only {@link #RUNNING} has a worker. */
  enum State { STOPPED, RUNNING, DRAINING }

  private final DurableStore store;
  private final WorkerConfig config;
  private final Duration gracePeriod;
  private final Supplier<List<PipelineDefinition<?>>> pipelines;
  private final Clock clock;
  private final Object lock = new Object();
  private State state = State.STOPPED;
  private @Nullable Worker worker;

  DurableWorkers(DurableStore store, WorkerConfig config, Duration gracePeriod,
      Supplier<List<PipelineDefinition<?>>> pipelines, Clock clock) {
    this.store = store;
    this.config = config;
    this.gracePeriod = gracePeriod;
    this.pipelines = pipelines;
    this.clock = clock;
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (state != State.STOPPED) {
        return;
      }
    }
    List<PipelineDefinition<?>> definitions = pipelines.get();
    if (definitions.isEmpty()) {
      LOG.info("Braid starts no worker: the application has no durable pipeline");
      return;
    }
    Worker started = Worker.start(store.dataSource(), config,
        definitions.toArray(PipelineDefinition<?>[]::new));
    synchronized (lock) {
      worker = started;
      state = State.RUNNING;
    }
    LOG.info("Braid worker " + config.workerId() + " runs "
        + definitions.stream().map(PipelineDefinition::name).toList() + ", at most "
        + config.maxConcurrentRuns() + " at once, stored in " + store.description());
  }

  @Override
  public void stop() {
    Worker draining = beginDrain();
    if (draining != null) {
      drain(draining);
    }
  }

  /** Drains on a thread of its own, so that other beans of the phase stop meanwhile. */
  @Override
  public void stop(Runnable callback) {
    Worker draining = beginDrain();
    if (draining == null) {
      callback.run();
      return;
    }
    Thread.ofVirtual().name("braid-worker-drain " + config.workerId()).start(() -> {
      try {
        drain(draining);
      } finally {
        callback.run();
      }
    });
  }

  private @Nullable Worker beginDrain() {
    synchronized (lock) {
      if (state != State.RUNNING) {
        return null;
      }
      state = State.DRAINING;
      return worker;
    }
  }

  /**
   * Waits until no run is in flight or the grace period is over, then closes the worker, which
   * hands back any run still in flight.
   */
  private void drain(Worker draining) {
    Instant deadline = clock.instant().plus(gracePeriod);
    while (draining.runsInFlight() > 0 && clock.instant().isBefore(deadline)
        && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(DRAIN_POLL_NANOS);
    }
    int handedBack = draining.runsInFlight();
    draining.close();
    synchronized (lock) {
      worker = null;
      state = State.STOPPED;
    }
    LOG.info("Braid worker " + config.workerId() + " stopped"
        + (handedBack == 0 ? "" : "; " + handedBack + " runs in flight after the grace period of "
            + gracePeriod + " went back to the queue"));
  }

  @Override
  public boolean isRunning() {
    synchronized (lock) {
      return state != State.STOPPED;
    }
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** Where the worker stands now. */
  public State state() {
    synchronized (lock) {
      return state;
    }
  }

  /** The worker while it runs or drains. */
  public Optional<Worker> worker() {
    synchronized (lock) {
      return Optional.ofNullable(worker);
    }
  }

  public WorkerConfig config() {
    return config;
  }
}
