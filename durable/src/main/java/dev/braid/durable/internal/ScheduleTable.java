package dev.braid.durable.internal;

import static dev.braid.durable.internal.RunTable.instant;
import static dev.braid.durable.internal.RunTable.nullableInstant;
import static dev.braid.durable.internal.RunTable.prepare;
import static dev.braid.durable.internal.RunTable.time;

import dev.braid.durable.StoredSchedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of {@code braid_schedules}. A firing is fenced by the next fire time and the revision
 * the firing worker read, and inserts its run in the same transaction, so each due time submits
 * exactly one run however many workers race for it. Thread-safe: each call borrows its own
 * connection.
 */
public final class ScheduleTable {
  private static final String COLUMNS = "name, cron_expression, time_zone, pipeline, priority,"
      + " inputs, next_fire_at, revision, last_fire_time, last_run_id, created_at, updated_at";
  private static final String UNIQUE_VIOLATION = "23505";

  /** A due schedule as a firing worker read it; its next fire time and revision fence the fire. */
  public record Due(StoredSchedule schedule, int revision) {}

  private final DataSource dataSource;
  private final Dialect dialect;

  public ScheduleTable(DataSource dataSource, Dialect dialect) {
    this.dialect = dialect;
    this.dataSource = dataSource;
  }

  /**
   * Stores schedule {@code name}, replacing one of that name, and returns its next fire time. A
   * schedule whose expression and zone are unchanged keeps its next fire time, so storing it again
   * at every start neither shifts nor drops a due time; otherwise it is {@code next}. Wakes the
   * workers of this JVM on the same {@code DataSource}.
   */
  public Instant upsert(String name, String cron, ZoneId zone, String pipeline, int priority,
      String inputs, Instant next, Instant now) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          Instant stored = upsert(connection, name, cron, zone, pipeline, priority, inputs, next,
              now);
          connection.commit();
          // A worker of this JVM on virtual time sleeps until the next due time it knows of.
          LocalSignals.runQueued(dataSource);
          return stored;
        } catch (SQLException e) {
          connection.rollback();
          if (attempt > 1 || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
          }
          // Another caller inserted the same name first: update its row instead.
        } catch (RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
      }
    }
  }

  private static Instant upsert(Connection connection, String name, String cron, ZoneId zone,
      String pipeline, int priority, String inputs, Instant next, Instant now)
      throws SQLException {
    Optional<StoredSchedule> existing = read(connection,
        "SELECT " + COLUMNS + " FROM braid_schedules WHERE name = ? FOR UPDATE", name).stream()
        .findFirst().map(Due::schedule);
    if (existing.isEmpty()) {
      execute(connection, "INSERT INTO braid_schedules (" + COLUMNS + ")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, ?)",
          name, cron, zone.getId(), pipeline, priority, inputs, time(next), time(now), time(now));
      return next;
    }
    StoredSchedule old = existing.get();
    Instant kept = old.cron().equals(cron) && old.zone().equals(zone) ? old.nextFireAt() : next;
    execute(connection, "UPDATE braid_schedules SET cron_expression = ?, time_zone = ?,"
        + " pipeline = ?, priority = ?, inputs = ?, next_fire_at = ?, revision = revision + 1,"
        + " updated_at = ? WHERE name = ?",
        cron, zone.getId(), pipeline, priority, inputs, time(kept), time(now), name);
    return kept;
  }

  /** Deletes schedule {@code name}; false if there is none. */
  public boolean delete(String name) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return execute(connection, "DELETE FROM braid_schedules WHERE name = ?", name) == 1;
    }
  }

  public Optional<StoredSchedule> find(String name) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return read(connection, "SELECT " + COLUMNS + " FROM braid_schedules WHERE name = ?", name)
          .stream().findFirst().map(Due::schedule);
    }
  }

  /** Every schedule, by name. */
  public List<StoredSchedule> list() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return read(connection, "SELECT " + COLUMNS + " FROM braid_schedules ORDER BY name")
          .stream().map(Due::schedule).toList();
    }
  }

  /** Up to {@code max} schedules due at {@code now}, the longest overdue first. */
  public List<Due> due(Instant now, int max) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return read(connection, "SELECT " + COLUMNS + " FROM braid_schedules"
          + " WHERE next_fire_at <= ? ORDER BY next_fire_at, name LIMIT " + max, time(now));
    }
  }

  /**
   * Fires {@code due} for its due time {@code fireTime}: moves its next fire time to {@code next}
   * unless another worker already moved it (or the schedule was stored again), and if it did, in
   * the same transaction, queues run {@code runId} not before {@code fireTime}.
   *
   * @return whether this call fired it
   */
  public boolean fire(Due due, Instant fireTime, Instant next, String runId, Instant now)
      throws SQLException {
    StoredSchedule schedule = due.schedule();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        int won = execute(connection, "UPDATE braid_schedules SET next_fire_at = ?,"
            + " last_fire_time = ?, last_run_id = ?"
            + " WHERE name = ? AND next_fire_at = ? AND revision = ?",
            time(next), time(fireTime), runId, schedule.name(), time(schedule.nextFireAt()),
            due.revision());
        if (won == 1) {
          RunTable.insert(connection, dialect, runId, schedule.pipeline(), schedule.priority(), fireTime,
              schedule.inputsJson(), RunTable.Version.NONE, null, now);
        }
        connection.commit();
        return won == 1;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static List<Due> read(Connection connection, String sql, @Nullable Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<Due> schedules = new ArrayList<>();
      while (rows.next()) {
        schedules.add(new Due(new StoredSchedule(rows.getString("name"),
            rows.getString("cron_expression"), ZoneId.of(rows.getString("time_zone")),
            rows.getString("pipeline"), rows.getInt("priority"), rows.getString("inputs"),
            instant(rows, "next_fire_at"), nullableInstant(rows, "last_fire_time"),
            rows.getString("last_run_id"), instant(rows, "created_at"),
            instant(rows, "updated_at")), rows.getInt("revision")));
      }
      return schedules;
    }
  }

  private static int execute(Connection connection, String sql, @Nullable Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }
}
