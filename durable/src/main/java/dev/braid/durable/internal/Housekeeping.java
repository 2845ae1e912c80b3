package dev.braid.durable.internal;

import dev.braid.durable.RunStatus;
import dev.braid.durable.WorkerConfig;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * What a worker does besides running runs, called from its polling loop before each claim: fires
 * due schedules, at most twice per poll interval, and deletes runs past their retention, every
 * retention interval. Each turn does a bounded amount of work (one batch of schedules, a few
 * batches of runs) and comes back sooner when more is left, so the loop keeps claiming runs.
 * Failures are logged and retried at a later turn, never thrown. Used by the polling thread only.
 */
public final class Housekeeping {
  private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());
  private static final Set<RunStatus> FINISHED =
      EnumSet.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED);
  static final long BATCHES_PER_TURN = 10;

  private final WorkerConfig config;
  private final ScheduleFiring firing;
  private final RunSweeper sweeper;
  private Instant nextFiring = Instant.MIN;
  private Instant nextSweep = Instant.MIN;
  private final AtomicInteger scheduleChecks = new AtomicInteger();

  public Housekeeping(DataSource dataSource, Dialect dialect, WorkerConfig config) {
    this.config = config;
    this.firing = new ScheduleFiring(dataSource, dialect);
    this.sweeper = new RunSweeper(dataSource, dialect);
  }

  /** Does what is due at {@code now}. */
  public void run(Instant now) {
    if (config.firesSchedules() && !now.isBefore(nextFiring)) {
      nextFiring = now.plus(config.pollInterval().dividedBy(2));
      try {
        if (firing.fireDue(now) == ScheduleFiring.BATCH) {
          nextFiring = now;
        }
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not fire schedules", e);
      }
      scheduleChecks.incrementAndGet();
    }
    if (config.retainFinishedRuns().isPresent() && !now.isBefore(nextSweep)) {
      nextSweep = now.plus(config.retentionInterval());
      try {
        boolean more = sweep(FINISHED, config.retainFinishedRuns().get(), now);
        Optional<Duration> stoppedEarly = config.retainStoppedEarlyRuns();
        if (stoppedEarly.isPresent()) {
          more |= sweep(EnumSet.of(RunStatus.STOPPED_EARLY), stoppedEarly.get(), now);
        }
        if (more) {
          nextSweep = now;
        }
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "Worker " + config.workerId() + " could not delete runs past"
            + " their retention", e);
      }
    }
  }

  /** The earliest time the next turn fires schedules. */
  Instant nextFiring() {
    return nextFiring;
  }

  /** The earliest time the next turn deletes runs past their retention. */
  Instant nextSweep() {
    return nextSweep;
  }

  /** How many turns have looked for due schedules, whether or not they fired any; for tests. */
  public int scheduleChecks() {
    return scheduleChecks.get();
  }

  /** Deletes a few batches; whether it stopped at its limit with more perhaps left. */
  private boolean sweep(Set<RunStatus> statuses, Duration retention, Instant now)
      throws SQLException {
    return sweeper.delete(statuses, now.minus(retention), BATCHES_PER_TURN)
        == BATCHES_PER_TURN * RunSweeper.BATCH;
  }
}
