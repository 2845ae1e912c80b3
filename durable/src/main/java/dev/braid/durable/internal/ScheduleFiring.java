package dev.braid.durable.internal;

import dev.braid.durable.StoredSchedule;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Fires the schedules that are due: for each, queues one run and moves its next fire time past
 * now, fenced so that of all the workers that fire the same due time, one wins.
 *
 * <p>Misfires: a schedule whose due times passed while no worker fired it (all were stopped, or
 * busy past several periods) fires once, for the latest due time that passed, and then waits for
 * its next due time after now. The run's {@code notBefore} is the due time it fired for. Any
 * worker fires any schedule, whatever pipelines it runs itself. Thread-safe.
 */
public final class ScheduleFiring {
  private static final System.Logger LOG = System.getLogger(ScheduleFiring.class.getName());
  static final int BATCH = 100;

  private final ScheduleTable schedules;

  public ScheduleFiring(DataSource dataSource, Dialect dialect) {
    this.schedules = new ScheduleTable(dataSource, dialect);
  }

  /**
   * Fires up to {@value #BATCH} schedules due at {@code now} and returns how many this call
   * fired. A schedule that cannot be fired is logged and left due, for the next call.
   *
   * @throws SQLException if the due schedules could not be read
   */
  public int fireDue(Instant now) throws SQLException {
    int fired = 0;
    for (ScheduleTable.Due due : schedules.due(now, BATCH)) {
      StoredSchedule schedule = due.schedule();
      try {
        CronSchedule cron = CronSchedule.parse(schedule.name(), schedule.cron(), schedule.zone());
        Instant latest = cron.lastAtOrBefore(now)
            .filter(time -> time.isAfter(schedule.nextFireAt()))
            .orElse(schedule.nextFireAt());
        Instant next = cron.nextAfter(now).orElseThrow(() -> new IllegalStateException(
            "Schedule '" + schedule.name() + "' has no due time after " + now));
        if (schedules.fire(due, latest, next, UUID.randomUUID().toString(), now)) {
          fired++;
        }
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "Could not fire schedule '" + schedule.name() + "' of pipeline '"
            + schedule.pipeline() + "' for " + schedule.nextFireAt() + "; trying again at the"
            + " next poll", e);
      }
    }
    return fired;
  }
}
