package dev.braid.durable;

import dev.braid.durable.internal.CheckpointTable;
import dev.braid.durable.internal.Claim;
import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.RunExecution;
import dev.braid.durable.internal.RunTable;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Drains the queue of durable runs of the pipelines registered with it, running at most {@link
 * WorkerConfig#maxConcurrentRuns()} at once, each on a virtual thread of its own.
 *
 * <p>A free worker claims the highest-priority due runs, and runs whose lease expired because
 * their worker stopped; a full one claims nothing. It renews the lease of each of its runs every
 * {@link WorkerConfig#heartbeat()}; a run whose lease it lost (another worker took it over) is
 * interrupted and its outcome is not written. Every step that succeeds is checkpointed, and a run
 * that is taken over resumes from its checkpoints, so those steps do not run again. A run claimed
 * more than {@link WorkerConfig#maxAttempts()} times is failed instead of run.
 *
 * <p>{@link #close()} stops claiming, interrupts the runs in flight and puts them back in the queue
 * with their checkpoints, and returns once their threads have ended. Thread-safe.
 */
public final class Worker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Worker.class.getName());

  /**
   * One run in flight; the flags say why its thread was interrupted. Its thread is interrupted
   * only while the run runs, never while the worker writes its outcome: an interrupt closes a
   * PostgreSQL connection's socket.
   */
  private static final class InFlight {
    final Claim claim;
    volatile @Nullable Thread thread;
    volatile boolean cancelRequested;
    volatile boolean leaseLost;
    private boolean ended;

    InFlight(Claim claim) {
      this.claim = claim;
    }

    synchronized void interrupt() {
      Thread running = thread;
      if (!ended && running != null) {
        running.interrupt();
      }
    }

    /** Called on the run's thread once the run has returned; clears a late interrupt. */
    synchronized void end() {
      ended = true;
      Thread.interrupted();
    }
  }

  private final WorkerConfig config;
  private final RunTable runs;
  private final CheckpointTable checkpoints;
  private final Map<String, DurablePipeline> pipelines;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final Semaphore slots;
  private final Semaphore wake = new Semaphore(0);
  private final Semaphore stop = new Semaphore(0);
  private volatile boolean closing;
  private volatile boolean halted;
  private final Thread poller;
  private final Thread heartbeat;

  private Worker(DataSource dataSource, WorkerConfig config, Map<String, DurablePipeline> pipelines) {
    this.config = config;
    this.runs = new RunTable(dataSource, Migrations.migrate(dataSource));
    this.checkpoints = new CheckpointTable(dataSource);
    this.pipelines = pipelines;
    this.slots = new Semaphore(config.maxConcurrentRuns());
    this.poller = Thread.ofVirtual().name("braid-worker-poll " + config.workerId())
        .unstarted(this::poll);
    this.heartbeat = Thread.ofVirtual().name("braid-worker-heartbeat " + config.workerId())
        .unstarted(this::beat);
  }

  /**
   * Starts a worker that runs {@code pipelines}, stored in {@code dataSource}'s database.
   *
   * @throws IllegalArgumentException if two registrations have the same pipeline name, or there
   *     are none
   */
  public static Worker start(DataSource dataSource, WorkerConfig config,
      DurablePipeline... pipelines) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(config, "config");
    Map<String, DurablePipeline> byName = new LinkedHashMap<>();
    for (DurablePipeline pipeline : pipelines) {
      if (byName.putIfAbsent(pipeline.name(), pipeline) != null) {
        throw new IllegalArgumentException("Pipeline '" + pipeline.name() + "' is registered"
            + " twice with worker " + config.workerId() + "; register each pipeline once");
      }
    }
    if (byName.isEmpty()) {
      throw new IllegalArgumentException("Worker " + config.workerId() + " has no pipelines to"
          + " run; pass the DurablePipeline of each pipeline it should run");
    }
    Worker worker = new Worker(dataSource, config, Map.copyOf(byName));
    worker.poller.start();
    worker.heartbeat.start();
    return worker;
  }

  public WorkerConfig config() {
    return config;
  }

  /** How many runs the worker is running now. */
  public int runsInFlight() {
    return inFlight.size();
  }

  private void poll() {
    while (!closing && !halted) {
      try {
        int free = slots.availablePermits();
        int claimed = 0;
        if (free > 0) {
          Instant now = Instant.now();
          List<Claim> claims = runs.claim(config.workerId(), pipelines.keySet(), free, now,
              now.plus(config.lease()));
          for (Claim claim : claims) {
            slots.acquireUninterruptibly();
            start(claim);
          }
          claimed = claims.size();
        }
        if (claimed == 0 || claimed == free) {
          wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not claim runs", e);
        pause();
      }
    }
  }

  private void start(Claim claim) {
    InFlight run = new InFlight(claim);
    inFlight.put(claim.id(), run);
    Thread thread = Thread.ofVirtual().name("braid-durable " + claim.pipeline() + " " + claim.id())
        .unstarted(() -> execute(run));
    run.thread = thread;
    thread.start();
  }

  private void execute(InFlight run) {
    Claim claim = run.claim;
    try {
      if (claim.cancelRequested()) {
        run.end();
        finish(run, RunStatus.CANCELLED, null, "cancelled while its worker had stopped");
      } else if (claim.attempt() > config.maxAttempts()) {
        run.end();
        finish(run, RunStatus.FAILED, null, "Durable run " + claim.id() + " of pipeline '"
            + claim.pipeline() + "' was claimed " + claim.attempt() + " times without ending"
            + " (maxAttempts " + config.maxAttempts() + "): its workers stopped or lost its"
            + " lease each time");
      } else {
        RunExecution.Outcome outcome = new RunExecution(pipelines.get(claim.pipeline()), claim,
            config.workerId(), checkpoints).run();
        run.end();
        settle(run, outcome);
      }
    } finally {
      inFlight.remove(claim.id());
      slots.release();
      wake.release();
    }
  }

  /** Writes how the run ended, unless the interrupt that ended it means someone else decides. */
  private void settle(InFlight run, RunExecution.Outcome outcome) {
    if (halted || run.leaseLost) {
      return;
    }
    if (outcome.interrupted() && !run.cancelRequested && closing) {
      try {
        runs.release(run.claim, config.workerId());
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not requeue durable run "
            + run.claim.id() + "; it is taken over once its lease expires", e);
      }
      return;
    }
    finish(run, outcome.status(), outcome.result(), outcome.error());
  }

  private void finish(InFlight run, RunStatus status, @Nullable String result,
      @Nullable String error) {
    try {
      if (!runs.finish(run.claim, config.workerId(), status, result, error, Instant.now())) {
        LOG.log(Level.INFO, "Worker " + config.workerId() + " lost the lease of durable run "
            + run.claim.id() + " before it ended; its outcome is another worker's to write");
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not store the outcome of"
          + " durable run " + run.claim.id() + "; it is taken over once its lease expires", e);
    }
  }

  private void beat() {
    while (!closing && !halted) {
      try {
        if (stop.tryAcquire(config.heartbeat().toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      try {
        Instant until = Instant.now().plus(config.lease());
        for (InFlight run : inFlight.values()) {
          if (!runs.renew(run.claim, config.workerId(), until)) {
            run.leaseLost = true;
            run.interrupt();
          }
        }
        Set<String> cancelled = runs.cancelRequested(config.workerId());
        for (String id : cancelled) {
          InFlight run = inFlight.get(id);
          if (run != null) {
            run.cancelRequested = true;
            run.interrupt();
          }
        }
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not renew its leases", e);
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(config.pollInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops as if the process had died: no more claims, heartbeats or writes of outcomes, and the
   * runs in flight are left running unattended, so their leases expire and other workers take
   * them over. For tests of takeover.
   */
  void halt() throws InterruptedException {
    halted = true;
    stopThreads();
  }

  /**
   * Wakes the poller and the heartbeat rather than interrupting them: an interrupt in the middle
   * of a statement closes a PostgreSQL connection, and could lose a claim just committed.
   */
  private void stopThreads() throws InterruptedException {
    wake.release();
    stop.release();
    poller.join();
    heartbeat.join();
  }

  /**
   * Stops claiming, interrupts the runs in flight, puts them back in the queue with their
   * checkpoints, and returns once every thread of the worker has ended. If the calling thread is
   * interrupted while it waits, it returns at once with its interrupt status set; the runs still
   * end and are put back on their own threads.
   */
  @Override
  public void close() {
    closing = true;
    try {
      stopThreads();
      if (halted) {
        return;
      }
      for (InFlight run : inFlight.values()) {
        run.interrupt();
      }
      for (InFlight run : inFlight.values()) {
        Thread thread = run.thread;
        if (thread != null) {
          thread.join();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
