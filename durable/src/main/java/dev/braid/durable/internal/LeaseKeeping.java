package dev.braid.durable.internal;

import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps the leases of a worker's runs in flight, on two threads of its own. The heartbeat renews
 * them every {@link WorkerConfig#heartbeat()} and picks up cancel requests; the lease clock
 * interrupts each run whose lease ran out unrenewed. A run whose lease is lost is interrupted and
 * flagged, so that the worker does not write its outcome. Both threads run while the worker says
 * it is running, and end soon after {@link #stop()}. The heartbeat also keeps the worker instance's
 * sign of life, and its registration of the pipelines it runs. Thread-safe.
 */
public final class LeaseKeeping {
  /** The worker's logger: what the leases say is what the worker says. */
  private static final System.Logger LOG = System.getLogger(Worker.class.getName());

  private final WorkerConfig config;
  private final RunTable runs;
  private final Map<String, InFlight> inFlight;
  private final BooleanSupplier running;
  private final WorkerInstance instance;
  private final WorkerRegistry.Registration registration;
  private final Semaphore stop = new Semaphore(0);
  private final Thread heartbeat;
  private final Thread leaseClock;

  /**
   * Keeps the leases of the runs in {@code inFlight}, which the worker fills and empties, for as
   * long as {@code running} says the worker runs.
   */
  public LeaseKeeping(WorkerConfig config, RunTable runs, Map<String, InFlight> inFlight,
      WorkerInstance instance, WorkerRegistry.Registration registration,
      BooleanSupplier running) {
    this.instance = instance;
    this.registration = registration;
    this.config = config;
    this.runs = runs;
    this.inFlight = inFlight;
    this.running = running;
    this.heartbeat = Thread.ofVirtual().name("braid-worker-heartbeat " + config.workerId())
        .unstarted(this::beat);
    this.leaseClock = Thread.ofVirtual().name("braid-worker-leases " + config.workerId())
        .unstarted(this::watchLeases);
  }

  /** Starts the heartbeat, then the lease clock. */
  public void start() {
    heartbeat.start();
    leaseClock.start();
  }

  /**
   * Wakes both threads so that they end, rather than interrupting them: an interrupt in the middle
   * of a statement closes a PostgreSQL connection.
   */
  public void stop() {
    stop.release(2); // one for the heartbeat, one for the lease clock
  }

  /** Waits for the heartbeat, then the lease clock, to end. */
  public void join() throws InterruptedException {
    heartbeat.join();
    leaseClock.join();
  }

  private void beat() {
    while (running.getAsBoolean()) {
      try {
        if (stop.tryAcquire(config.heartbeat().toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      instance.keepAlive();
      try {
        Instant until = Instant.now().plus(config.lease());
        for (InFlight run : inFlight.values()) {
          if (run.leaseLost()) {
            continue;
          }
          if (runs.renew(run.claim(), config.workerId(), until)) {
            run.renewed(until);
          } else {
            run.loseLease();
            run.interrupt();
          }
        }
        Set<String> cancelled = runs.cancelRequested(config.workerId());
        for (String id : cancelled) {
          InFlight run = inFlight.get(id);
          if (run != null) {
            run.requestCancel();
            run.interrupt();
          }
        }
        // After the leases, which matter more: a slow registry must not cost a run its lease.
        registration.heartbeat();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Exception | Error e) {
        LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not renew its leases", e);
      }
    }
  }

  /**
   * Interrupts each run whose lease ran out before a heartbeat could renew it, because the
   * database did not answer in time: from then on another worker may take the run over, and one
   * run must not execute on two workers at once. Its outcome is not written; a worker resumes it
   * from its checkpoints once the database answers. Runs on a thread of its own, so that a
   * heartbeat stuck waiting for a connection does not delay it.
   */
  private void watchLeases() {
    while (running.getAsBoolean()) {
      Instant now = Instant.now();
      Instant next = now.plus(config.heartbeat());
      for (InFlight run : inFlight.values()) {
        if (run.leaseLost()) {
          continue;
        }
        if (now.isBefore(run.leaseUntil())) {
          next = run.leaseUntil().isBefore(next) ? run.leaseUntil() : next;
          continue;
        }
        run.loseLease();
        LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not renew the lease of"
            + " durable run " + run.claim().id() + " (pipeline '" + run.claim().pipeline() + "')"
            + " before it ran out at " + run.leaseUntil() + ", as the database did not answer its"
            + " heartbeats in time; it interrupts the run, which another worker may now take"
            + " over, and a worker resumes it from its checkpoints once the database answers");
        run.interrupt();
      }
      try {
        if (stop.tryAcquire(Duration.between(now, next).toMillis() + 1, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
