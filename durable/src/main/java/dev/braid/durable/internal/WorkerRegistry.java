package dev.braid.durable.internal;

import static dev.braid.durable.internal.RunTable.prepare;
import static dev.braid.durable.internal.RunTable.time;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The SQL of {@code braid_worker_pipelines}: which pipelines each running worker instance runs,
 * and until when it counts as alive. A worker registers when it starts, pushes its expiry forward
 * at each heartbeat by one lease, and removes its rows when it closes; a worker that dies leaves
 * rows that expire, and are deleted by the next worker that starts a day later. Thread-safe.
 */
public final class WorkerRegistry {
  private static final System.Logger LOG = System.getLogger(WorkerRegistry.class.getName());
  /** How long the rows of a worker that died are kept after they expired, for people to read. */
  private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

  private final DataSource dataSource;

  public WorkerRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One running instance's rows, which it keeps alive and removes. */
  public final class Registration {
    private final String instance;
    private final String workerId;
    private final Duration lease;

    private Registration(String instance, String workerId, Duration lease) {
      this.instance = instance;
      this.workerId = workerId;
      this.lease = lease;
    }

    /** Moves the expiry a lease ahead; logs rather than throws, the worker goes on either way. */
    public void heartbeat() {
      Instant now = Instant.now();
      try (Connection connection = dataSource.getConnection();
          PreparedStatement statement = prepare(connection, "UPDATE braid_worker_pipelines"
              + " SET heartbeat_at = ?, expires_at = ? WHERE instance = ?",
              time(now), time(now.plus(lease)), instance)) {
        statement.executeUpdate();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "Worker " + workerId + " could not show the pipelines it runs as"
            + " alive (" + e.getMessage() + "); it tries again at its next heartbeat", e);
      }
    }

    /** Removes the instance's rows: its pipelines no longer count as run by it. */
    public void remove() {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement statement = prepare(connection,
              "DELETE FROM braid_worker_pipelines WHERE instance = ?", instance)) {
        statement.executeUpdate();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "Worker " + workerId + " could not remove its registration; it"
            + " expires within " + lease, e);
      }
    }
  }

  /**
   * Registers instance {@code instance} of worker {@code workerId} as running {@code pipelines}
   * (name to version) for one {@code lease}, and deletes the rows of workers long dead.
   */
  public Registration register(String instance, String workerId, Map<String, String> pipelines,
      Duration lease) throws SQLException {
    Instant now = Instant.now();
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement statement = prepare(connection,
          "DELETE FROM braid_worker_pipelines WHERE expires_at < ?",
          time(now.minus(KEEP_EXPIRED)))) {
        statement.executeUpdate();
      }
      try (PreparedStatement statement = connection.prepareStatement(
          "INSERT INTO braid_worker_pipelines (instance, worker_id, pipeline, version,"
              + " heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Map.Entry<String, String> pipeline : pipelines.entrySet()) {
          statement.setString(1, instance);
          statement.setString(2, workerId);
          statement.setString(3, pipeline.getKey());
          statement.setString(4, pipeline.getValue());
          statement.setObject(5, time(now));
          statement.setObject(6, time(now.plus(lease)));
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }
    return new Registration(instance, workerId, lease);
  }

  /**
   * Until when the longest-lived worker that runs {@code pipeline} counts as alive; empty if none
   * does at {@code now}.
   */
  public Optional<Instant> liveUntil(String pipeline, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, "SELECT MAX(expires_at)"
            + " FROM braid_worker_pipelines WHERE pipeline = ? AND expires_at > ?",
            pipeline, time(now));
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      OffsetDateTime until = rows.getObject(1, OffsetDateTime.class);
      return Optional.ofNullable(until).map(OffsetDateTime::toInstant);
    }
  }
}
