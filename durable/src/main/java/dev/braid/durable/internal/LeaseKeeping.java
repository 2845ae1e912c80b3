package dev.braid.durable.internal;

import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.time.TimeSource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the leases of a worker's runs in flight, on two threads of its own. The heartbeat renews
 * them every {@link WorkerConfig#heartbeat()} and picks up cancel requests; the lease clock
 * interrupts each run whose lease ran out unrenewed. A run whose lease is lost is interrupted and
 * flagged, so that the worker does not write its outcome. Both threads run while the worker says
 * it is running, and end soon after {@link #stop()}. The heartbeat also keeps the worker instance's
 * sign of life, and its registration of the pipelines it runs. Both read and wait on the worker's
 * {@link WorkerConfig#timeSource()}; on a source other than the system's, a test's virtual time,
 * they sleep without an alarm while the worker has no run in flight, so that an idle worker does
 * not move time forward, and {@link #runStarted()} wakes them. Thread-safe.
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
  private final TimeSource time;
  private final boolean system;
  private final Wakeup heartbeatWakeup;
  private final Wakeup leaseClockWakeup;
  private volatile boolean stopped;
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
    this.time = config.timeSource();
    this.system = time == TimeSource.system();
    this.heartbeatWakeup = new Wakeup(time);
    this.leaseClockWakeup = new Wakeup(time);
    this.heartbeat = Thread.ofVirtual().name("braid-worker-heartbeat " + config.workerId())
        .unstarted(this::beat);
    this.leaseClock = Thread.ofVirtual().name("braid-worker-leases " + config.workerId())
        .unstarted(this::watchLeases);
  }

  /** Starts the heartbeat, then the lease clock. */
  public void start() {
    time.busy(); // each thread is a participant of the time source, busy unless it waits
    heartbeat.start();
    time.busy();
    leaseClock.start();
  }

  /**
   * Tells both threads that a run is in flight, which on a virtual time source they may be
   * sleeping without an alarm for; nothing on the system time.
   */
  public void runStarted() {
    if (!system) {
      heartbeatWakeup.signal();
      leaseClockWakeup.signal();
    }
  }

  /**
   * Wakes both threads so that they end, rather than interrupting them: an interrupt in the middle
   * of a statement closes a PostgreSQL connection.
   */
  public void stop() {
    stopped = true;
    heartbeatWakeup.signal();
    leaseClockWakeup.signal();
  }

  /** Waits for the heartbeat, then the lease clock, to end. */
  public void join() throws InterruptedException {
    heartbeat.join();
    leaseClock.join();
  }

  private void beat() {
    try {
      long next = time.nanoTime() + config.heartbeat().toNanos();
      while (running.getAsBoolean()) {
        try {
          heartbeatWakeup.await(
              idle() ? null : Duration.ofNanos(Math.max(0, next - time.nanoTime())));
        } catch (InterruptedException e) {
          return;
        }
        if (stopped) {
          return;
        }
        if (time.nanoTime() - next < 0) {
          continue; // woken early, by a run that started while it slept without an alarm
        }
        beatOnce();
        next = time.nanoTime() + config.heartbeat().toNanos();
      }
    } finally {
      time.idle();
    }
  }

  /** Whether both threads may sleep without an alarm: virtual time and no run in flight. */
  private boolean idle() {
    return !system && inFlight.isEmpty();
  }

  /** Renews the leases of the runs in flight, and picks up cancel requests. */
  private void beatOnce() {
    instance.keepAlive();
    try {
      Instant until = time.instant().plus(config.lease());
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

  /**
   * Interrupts each run whose lease ran out before a heartbeat could renew it, because the
   * database did not answer in time: from then on another worker may take the run over, and one
   * run must not execute on two workers at once. Its outcome is not written; a worker resumes it
   * from its checkpoints once the database answers. Runs on a thread of its own, so that a
   * heartbeat stuck waiting for a connection does not delay it.
   */
  private void watchLeases() {
    try {
      while (running.getAsBoolean() && !stopped) {
        Instant now = time.instant();
        if (!watchLeases(now)) {
          return;
        }
      }
    } finally {
      time.idle();
    }
  }

  /** Checks the leases at {@code now} and waits for the next check; false once stopped. */
  private boolean watchLeases(Instant now) {
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
    @Nullable Duration wait = idle() ? null
        : Duration.between(now, next).truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    try {
      leaseClockWakeup.await(wait);
    } catch (InterruptedException e) {
      return false;
    }
    return !stopped;
  }
}
