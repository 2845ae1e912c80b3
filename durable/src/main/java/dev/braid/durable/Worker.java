package dev.braid.durable;

import dev.braid.durable.internal.CheckpointTable;
import dev.braid.durable.internal.CheckpointVersions;
import dev.braid.durable.internal.Claim;
import dev.braid.durable.internal.ClaimBackoff;
import dev.braid.durable.internal.Dialect;
import dev.braid.durable.internal.DueTimes;
import dev.braid.durable.internal.Housekeeping;
import dev.braid.durable.internal.InFlight;
import dev.braid.durable.internal.LeaseKeeping;
import dev.braid.durable.internal.LocalSignals;
import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.QueueNotifications;
import dev.braid.durable.internal.Reclaiming;
import dev.braid.durable.internal.RateLimitTable;
import dev.braid.durable.internal.RunExecution;
import dev.braid.durable.internal.RunTable;
import dev.braid.durable.internal.Slots;
import dev.braid.durable.internal.StepLimits;
import dev.braid.durable.internal.Wakeup;
import dev.braid.durable.internal.WorkerInstance;
import dev.braid.durable.internal.WorkerRegistry;
import dev.braid.runtime.CallGate;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.RateLimiter;
import dev.braid.runtime.internal.StepSlots;
import dev.braid.runtime.time.TimeSource;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Drains the queue of durable runs of the pipelines registered with it, running at most {@link
 * WorkerConfig#maxConcurrentRuns()} at once, each on a virtual thread of its own.
 *
 * <p>A free worker claims the highest-priority due runs, and runs whose lease expired because
 * their worker stopped; a full one claims nothing. It renews the lease of each of its runs every
 * {@link WorkerConfig#heartbeat()}; a run whose lease it lost (another worker took it over) is
 * interrupted and its outcome is not written. So is a run whose lease ran out before a heartbeat
 * could renew it, because the database did not answer: any worker may take that run over once the
 * database is back. Failed claims are logged and retried, waiting from the poll interval up to the
 * heartbeat, doubling with each failure in a row; a claimed run whose checkpoints cannot be read
 * goes back to the queue. Every step that succeeds is checkpointed, and a run that is taken over
 * resumes from its checkpoints, so those steps do not run again. A run claimed more than {@link
 * WorkerConfig#maxAttempts()} times is failed instead of run.
 *
 * <p>A worker started again under the same {@link WorkerConfig#workerId() worker id}, as after a
 * crash and a restart, takes back at once the runs its dead predecessor held, instead of waiting
 * for their leases to expire: each started worker stamps its runs with an instance id and shows it
 * is alive for as long as its process lives (a PostgreSQL advisory lock on its own connection; on
 * H2, which one process opens, its presence in the JVM), so a run another worker took over, or one
 * a live worker with the same id runs, is never taken. The default worker id is random, so only a
 * worker given a stable id is recognized when it comes back.
 *
 * <p>A run submitted in the same JVM through the same {@code DataSource} is handed to the worker
 * if it has a free slot, and a run queued there wakes it at once, on either database; a run the
 * worker ends wakes the {@code await}s of this JVM that wait for it. On PostgreSQL the worker also
 * listens for {@code NOTIFY braid_runs_queued}, sent whenever a run is queued, so it claims new
 * runs at once rather than at its next poll; this holds one pooled connection for as long as the
 * worker runs, and its sign of life holds another.
 *
 * <p>A started worker registers the pipelines it runs, with their versions, in {@code
 * braid_worker_pipelines}, and keeps that registration alive on its heartbeat for one lease at a
 * time, so that {@link DurableRuns#submit} can tell a run no live worker would claim. A run it
 * resumes from checkpoints written by another version of its pipeline reuses only those whose
 * step fingerprint is unchanged; the others, and every step downstream of them, run again. The
 * model calls of its runs wait for the {@link WorkerConfig#rateLimits() rate limits} it shares
 * with every worker of the database, in {@code braid_rate_limits}.
 *
 * <p>Every time the worker writes (claims, leases, ends) and every wait (polls, heartbeats, lease
 * checks, a drain's grace) come from its {@link WorkerConfig#timeSource()}, the system's unless a
 * test passes its virtual time; on such a source the worker sleeps until the next due time instead
 * of polling ({@link WorkerConfig.Builder#timeSource}).
 *
 * <p>{@link #close()} stops claiming, interrupts the runs in flight and puts them back in the queue
 * with their checkpoints, removes the worker's registration, and returns once their threads have
 * ended. Thread-safe.
 */
public final class Worker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Worker.class.getName());
  /**
   * How long a run handed over waits for a claim in progress, one statement, before it is queued
   * instead: only a database that hangs makes it wait that long, and then its insert would too.
   */
  private static final Duration HANDOVER_PATIENCE = Duration.ofSeconds(1);

  private final WorkerConfig config;
  private final RunTable runs;
  private final CheckpointTable checkpoints;
  private final Housekeeping housekeeping;
  private final Map<String, DurablePipeline> pipelines;
  private final StepSlots limits;
  private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  private final Slots slots;
  private final TimeSource time;
  /** Wakes the poller (a run was queued or ended, the worker stops) or, once it ended, a drain. */
  private final Wakeup wake;
  private final DueTimes dueTimes;
  private final AtomicInteger polls = new AtomicInteger();
  private volatile boolean closing;
  private volatile boolean draining; // claims no more runs, lets those in flight end
  private volatile boolean halted;
  private final Thread poller;
  private final LeaseKeeping leases;
  private final ClaimBackoff backoff;
  private final DataSource dataSource;
  private final Dialect dialect;
  private volatile @Nullable QueueNotifications notifications;
  private volatile LocalSignals.@Nullable Registration local;

  private final WorkerInstance instance;
  private final WorkerRegistry.Registration registration;
  private final @Nullable RateLimiter rateLimiter;

  private Worker(DataSource dataSource, WorkerConfig config, Map<String, DurablePipeline> pipelines) {
    this.config = config;
    this.time = config.timeSource();
    this.wake = new Wakeup(time);
    this.dataSource = dataSource;
    this.dialect = Migrations.migrate(dataSource);
    try {
      this.instance = WorkerInstance.start(dataSource, dialect, config.workerId());
    } catch (SQLException e) {
      throw new DurableStoreException("Worker " + config.workerId() + " could not start: "
          + e.getMessage(), e);
    }
    try {
      this.registration = new WorkerRegistry(dataSource).register(instance.id(),
          config.workerId(), versions(pipelines), config.lease());
    } catch (SQLException e) {
      instance.close();
      throw new DurableStoreException("Worker " + config.workerId() + " could not register the"
          + " pipelines it runs: " + e.getMessage(), e);
    }
    this.runs = new RunTable(dataSource, dialect);
    this.rateLimiter = config.rateLimits().isEmpty() ? null
        : RateLimiter.create(config.rateLimits(), new RateLimitTable(dataSource), time);
    this.checkpoints = new CheckpointTable(dataSource);
    this.housekeeping = new Housekeeping(dataSource, dialect, config);
    this.pipelines = pipelines;
    this.limits = StepSlots.of(config.stepConcurrency());
    this.slots = new Slots(config.maxConcurrentRuns());
    this.poller = Thread.ofVirtual().name("braid-worker-poll " + config.workerId())
        .unstarted(this::poll);
    this.leases = new LeaseKeeping(config, runs, inFlight, instance, registration,
        () -> !closing && !halted);
    this.backoff = new ClaimBackoff(config);
    this.dueTimes = new DueTimes(dataSource, config, housekeeping);
  }

  private static Map<String, String> versions(Map<String, DurablePipeline> pipelines) {
    Map<String, String> versions = new LinkedHashMap<>();
    pipelines.forEach((name, pipeline) -> versions.put(name, pipeline.definition().version()));
    return versions;
  }

  /**
   * Starts a worker that runs the pipelines of generated executors' {@code definition()}s, with
   * default options, stored in {@code dataSource}'s database.
   *
   * @throws IllegalArgumentException if two definitions have the same pipeline name, there are
   *     none, or {@code config} limits a step none of them has
   */
  public static Worker start(DataSource dataSource, WorkerConfig config,
      PipelineDefinition<?>... pipelines) {
    return start(dataSource, config,
        Arrays.stream(pipelines).map(DurablePipeline::of).toArray(DurablePipeline[]::new));
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
    StepLimits.check(config.workerId(), config.stepConcurrency().keySet(), byName.values().stream()
        .map(DurablePipeline::definition).toList());
    Worker worker = new Worker(dataSource, config, Map.copyOf(byName));
    worker.reclaimOwnRuns();
    worker.local = LocalSignals.register(dataSource, worker.new Local());
    worker.time.busy(); // the poller is a participant of the time source, busy unless it waits
    worker.poller.start();
    worker.leases.start();
    if (worker.dialect == Dialect.POSTGRESQL) {
      worker.notifications =
          QueueNotifications.start(worker.dataSource, config.workerId(), worker.wake::signal);
    }
    return worker;
  }

  public WorkerConfig config() {
    return config;
  }

  /** How many runs the worker is running now. */
  public int runsInFlight() {
    return inFlight.size();
  }

  /**
   * Takes back at once the runs that earlier, dead instances of this worker id held, so that a
   * worker restarted under its id goes on with them without waiting for their leases.
   */
  private void reclaimOwnRuns() {
    try {
      Reclaiming.Result reclaimed = Reclaiming.reclaim(dataSource, instance, config.workerId(),
          time.instant());
      if (reclaimed.runs() > 0) {
        LOG.log(Level.INFO, "Worker " + config.workerId() + " takes back at once the "
            + reclaimed.runs() + " runs it held before it was restarted");
      }
      if (!reclaimed.liveInstances().isEmpty()) {
        LOG.log(Level.WARNING, "Worker id '" + config.workerId() + "' is used by another running"
            + " worker as well (instance " + String.join(", ", reclaimed.liveInstances())
            + "); each keeps the runs it claimed, but give every worker its own id"
            + " (WorkerConfig.builder().workerId(…)) so that leases and logs tell them apart");
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not look for the runs it"
          + " held before a restart; they are taken over once their leases expire", e);
    }
  }

  private void poll() {
    try {
      pollUntilStopped();
    } finally {
      time.idle();
    }
  }

  private void pollUntilStopped() {
    int failures = 0;
    while (!closing && !halted && !draining) {
      try {
        housekeeping.run(time.instant());
        int free = slots.holdForClaim();
        int claimed = 0;
        try {
          if (free > 0) {
            Instant now = time.instant();
            Instant leaseUntil = now.plus(config.lease());
            List<Claim> claims = runs.claim(config.workerId(), instance.id(),
                pipelines.keySet(), free, now, leaseUntil);
            for (Claim claim : claims) {
              start(claim, leaseUntil);
              claimed++;
            }
          }
        } finally {
          slots.endClaim(free, claimed);
        }
        polls.incrementAndGet();
        if (failures > 0) {
          LOG.log(Level.INFO, "Worker " + config.workerId() + " reached the database again after "
              + failures + " failed attempts to claim runs");
          failures = 0;
        }
        if (claimed == 0 || claimed == free) {
          wake.await(dueTimes.untilNextPoll(pipelines.keySet(), claimed < free));
        }
      } catch (InterruptedException e) {
        return;
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Exception | Error e) {
        // An Error too (a class that failed to load): the poller must not end while the worker
        // looks alive, or its queue would silently stop draining.
        failures++;
        Duration wait = backoff.retryDelay(failures);
        String message = "Worker " + config.workerId() + " could not claim runs (failure "
            + failures + " in a row): " + ClaimBackoff.describe(e) + "; trying again in "
            + wait.toMillis() + " ms";
        if (failures == 1) {
          LOG.log(Level.WARNING, message, e);
        } else {
          LOG.log(Level.WARNING, message);
        }
        pause(wait);
      }
    }
  }

  private void start(Claim claim, Instant leaseUntil) {
    // The starter pays for the run's thread, busy until it hands the run to its engine; first, so
    // that time cannot move on once the heartbeat, woken, sleeps again.
    time.busy();
    InFlight run = new InFlight(claim, leaseUntil);
    inFlight.put(claim.id(), run);
    leases.runStarted();
    run.start(() -> execute(run));
  }

  private void execute(InFlight run) {
    Claim claim = run.claim();
    try {
      if (claim.cancelRequested()) {
        run.end();
        finish(run, RunExecution.Outcome.ended(RunStatus.CANCELLED,
            "cancelled while its worker had stopped", false));
      } else if (claim.attemptSinceResume() > config.maxAttempts()) {
        run.end();
        finish(run, RunExecution.Outcome.ended(RunStatus.FAILED, "Durable run " + claim.id()
            + " of pipeline '" + claim.pipeline() + "' was claimed " + claim.attemptSinceResume()
            + " times without ending (maxAttempts " + config.maxAttempts() + "): its workers"
            + " stopped or lost its lease each time", false));
      } else {
        // The run's thread counts busy until its first attempt starts, counted busy by the engine
        // on the pipeline's time, which should be the worker's: time cannot move in between.
        AtomicBoolean handedOver = new AtomicBoolean();
        stampVersion(claim);
        RunExecution.Outcome outcome;
        try {
          outcome = new RunExecution(pipelines.get(claim.pipeline()), claim, config.workerId(),
              checkpoints, limits,
              rateLimiter == null ? CallGate.OPEN : rateLimiter.gate(claim.priority()), () -> {
                if (handedOver.compareAndSet(false, true)) {
                  time.idle();
                }
              }, time).run();
        } finally {
          if (!handedOver.compareAndSet(false, true)) {
            time.busy(); // counts busy again for the writes that follow
          }
        }
        run.end();
        settle(run, outcome);
      }
    } finally {
      // Only this attempt's entry: the run may be in flight again here, taken over after this
      // attempt lost its lease but before it ended.
      inFlight.remove(claim.id(), run);
      slots.release();
      wake.signal();
      // Once the slot is free, so that whoever the end wakes finds the worker ready for more.
      LocalSignals.runEnded(claim.id());
      time.idle();
    }
  }

  /** Records the version a run submitted by pipeline name starts on: this worker's. */
  private void stampVersion(Claim claim) {
    if (claim.version() != null) {
      return;
    }
    try {
      runs.stampVersion(claim, config.workerId(),
          CheckpointVersions.of(pipelines.get(claim.pipeline()).definition()));
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not record the version"
          + " durable run " + claim.id() + " starts on; it runs all the same", e);
    }
  }

  /**
   * How submitters of this JVM reach the worker: they wake it, and hand it runs for a free slot.
   * {@link #close()} waits for the handovers pending, so that every run handed over is in flight
   * when close interrupts them.
   */
  private final class Local implements LocalSignals.LocalWorker {
    @Override
    public void wake() {
      Worker.this.wake.signal();
    }

    @Override
    public LocalSignals.@Nullable Handover reserve(String pipeline) {
      if (!pipelines.containsKey(pipeline)) {
        return null;
      }
      try {
        if (!slots.reserveForHandover(HANDOVER_PATIENCE)) {
          return null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      // The reserved slot counts busy until the run's thread counts itself: the submitter dates
      // the run only now, and a virtual time must not move on before the run has started.
      time.busy();
      return new LocalSignals.Handover() {
        @Override
        public String owner() {
          return config.workerId();
        }

        @Override
        public String instance() {
          return instance.id();
        }

        @Override
        public Duration lease() {
          return config.lease();
        }

        @Override
        public void start(Claim claim, Instant leaseUntil) {
          boolean started = false;
          try {
            Worker.this.start(claim, leaseUntil);
            started = true;
          } finally {
            slots.handoverEnded(started);
            time.idle(); // the run's thread counts itself from start on
          }
        }

        @Override
        public void cancel() {
          slots.handoverEnded(false);
          time.idle();
        }
      };
    }
  }

  /** Writes how the run ended, unless the interrupt that ended it means someone else decides. */
  private void settle(InFlight run, RunExecution.Outcome outcome) {
    if (halted || run.leaseLost()) {
      return;
    }
    boolean couldNotStart = outcome.status() == RunStatus.QUEUED;
    if (couldNotStart) {
      LOG.log(Level.WARNING, "Worker " + config.workerId() + " " + outcome.error()
          + "; it puts the run back in the queue");
    }
    if (couldNotStart || (outcome.interrupted() && !run.cancelRequested() && closing)) {
      try {
        runs.release(run.claim(), config.workerId());
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not requeue durable run "
            + run.claim().id() + "; it is taken over once its lease expires", e);
      }
      return;
    }
    finish(run, outcome);
  }

  private void finish(InFlight run, RunExecution.Outcome outcome) {
    try {
      if (!runs.finish(run.claim(), config.workerId(), outcome, time.instant())) {
        LOG.log(Level.INFO, "Worker " + config.workerId() + " lost the lease of durable run "
            + run.claim().id() + " before it ended; its outcome is another worker's to write");
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not store the outcome of"
          + " durable run " + run.claim().id() + "; it is taken over once its lease expires", e);
    }
  }

  /** Waits {@code wait}, or until the worker stops. */
  private void pause(Duration wait) {
    long until = time.nanoTime() + wait.toNanos();
    try {
      for (long left = wait.toNanos(); left > 0 && !closing && !halted && !draining;
          left = until - time.nanoTime()) {
        wake.await(Duration.ofNanos(left));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * How many times the poller has looked for work: fired due schedules, then claimed runs if it
   * had a free slot. For tests that must know a poll happened rather than sleep and hope.
   */
  int polls() {
    return polls.get();
  }

  /** How many times the poller has looked for due schedules to fire; for tests, likewise. */
  int scheduleChecks() {
    return housekeeping.scheduleChecks();
  }

  /** How many of the worker's runs wait for a slot of the limited {@code step}; for tests. */
  int waitingForStep(String step) {
    return limits.waiting(step);
  }

  /**
   * Stops as if the process had died: no more claims, heartbeats or writes of outcomes, and the
   * runs in flight are left running unattended, so their leases expire and other workers take
   * them over. For tests of takeover; a process that stops uses {@link #close()} or {@link
   * #drainAndClose}, which put the runs back in the queue at once.
   *
   * @throws InterruptedException if interrupted while the worker's threads end
   */
  public void halt() throws InterruptedException {
    halted = true;
    slots.refuseHandovers();
    stopThreads();
    instance.close();
  }

  /**
   * Wakes the poller, the heartbeat and the lease clock rather than interrupting them: an
   * interrupt in the middle of a statement closes a PostgreSQL connection, and could lose a claim
   * just committed.
   */
  private void stopThreads() throws InterruptedException {
    LocalSignals.Registration registration = local;
    if (registration != null) {
      registration.close();
    }
    wake.signal();
    leases.stop();
    poller.join();
    leases.join();
    if (notifications != null) {
      notifications.close();
    }
  }

  /**
   * Shuts the worker down in order, as a container does on stop: at once it claims no more runs,
   * fires no more schedules and takes no more runs from submitters, while the runs in flight go on
   * under their leases for up to {@code grace}; then it {@linkplain #close() closes}, which puts
   * those still running back in the queue with their checkpoints.
   *
   * @return how many runs were still in flight after {@code grace} and went back to the queue
   */
  public int drainAndClose(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    draining = true;
    boolean interrupted = false;
    try {
      slots.stopHandovers();
      wake.signal();
      poller.join();
      // Every run that ends signals, so this waits on run ends, and on the grace's time.
      time.busy(); // as a participant of the time source, idle only while it waits
      try {
        long until = time.nanoTime() + grace.toNanos();
        for (long left = grace.toNanos(); !inFlight.isEmpty() && left > 0;
            left = until - time.nanoTime()) {
          wake.await(Duration.ofNanos(left));
        }
      } finally {
        time.idle();
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    int handedBack = inFlight.size();
    close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return handedBack;
  }

  /** Whether the poller still claims runs; for tests that must know a drain has stopped it. */
  boolean claiming() {
    return poller.isAlive();
  }

  /**
   * Stops claiming, interrupts the runs in flight, puts them back in the queue with their
   * checkpoints, and returns once every thread of the worker has ended. If the calling thread is
   * interrupted while it waits, it returns at once with its interrupt status set; the runs still
   * end and are put back on their own threads.
   */
  @Override
  public void close() {
    try {
      closing = true;
      slots.stopHandovers();
      stopThreads();
      if (halted) {
        return;
      }
      for (InFlight run : inFlight.values()) {
        run.interrupt();
      }
      for (InFlight run : inFlight.values()) {
        run.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!halted) {
        registration.remove();
      }
      instance.close();
    }
  }
}
