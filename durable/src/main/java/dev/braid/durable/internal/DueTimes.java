package dev.braid.durable.internal;

import static dev.braid.durable.internal.RunTable.placeholders;
import static dev.braid.durable.internal.RunTable.prepare;

import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.time.TimeSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * How long a worker's poller waits before it looks for work again. On the system time, the poll
 * interval, since other processes may queue runs at any time. On another source, a test's virtual
 * time, where every run is queued in this JVM and wakes the poller, it waits until the earliest
 * time the database says something is due: a queued run's {@code notBefore}, the end of a lease
 * (a lease ends once its expiry has passed, so a microsecond after it, the databases' precision),
 * a schedule's next fire time, the next retention sweep; and with nothing due, until a signal. So
 * virtual time moves to each due time exactly, and does not run on while nothing is due. Used by
 * the polling thread only.
 */
public final class DueTimes {
  private static final Duration DATABASE_TICK = Duration.ofNanos(1_000);

  private final DataSource dataSource;
  private final WorkerConfig config;
  private final Housekeeping housekeeping;
  private final TimeSource time;

  public DueTimes(DataSource dataSource, WorkerConfig config, Housekeeping housekeeping) {
    this.dataSource = dataSource;
    this.config = config;
    this.housekeeping = housekeeping;
    this.time = config.timeSource();
  }

  /**
   * How long to wait after a poll, for a worker that runs {@code pipelines} and had {@code room}
   * for more runs after it; {@code null} to wait for a signal only.
   *
   * @throws SQLException if the due times could not be read
   */
  public @Nullable Duration untilNextPoll(Collection<String> pipelines, boolean room)
      throws SQLException {
    if (time == TimeSource.system()) {
      return config.pollInterval();
    }
    Instant now = time.instant();
    Instant next = null;
    try (Connection connection = dataSource.getConnection()) {
      if (room) {
        String in = " AND pipeline IN (" + placeholders(pipelines.size()) + ")";
        next = earliest(next, min(connection, "SELECT MIN(not_before) FROM braid_runs"
            + " WHERE status = 'QUEUED'" + in, pipelines));
        Instant lease = min(connection, "SELECT MIN(lease_expires_at) FROM braid_runs"
            + " WHERE status = 'RUNNING'" + in, pipelines);
        next = earliest(next, lease == null ? null : lease.plus(DATABASE_TICK));
      }
      if (config.firesSchedules()) {
        Instant fire = min(connection, "SELECT MIN(next_fire_at) FROM braid_schedules",
            List.of());
        if (fire != null) {
          Instant allowed = housekeeping.nextFiring();
          next = earliest(next, fire.isBefore(allowed) ? allowed : fire);
        }
      }
    }
    if (config.retainFinishedRuns().isPresent()) {
      next = earliest(next, housekeeping.nextSweep());
    }
    if (next == null) {
      return null;
    }
    // Due already, yet not taken (another worker claimed it first): look again a poll later.
    return next.isAfter(now) ? Duration.between(now, next) : config.pollInterval();
  }

  private static @Nullable Instant min(Connection connection, String sql,
      Collection<String> parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters.toArray());
        ResultSet rows = statement.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      OffsetDateTime value = rows.getObject(1, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    }
  }

  private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
