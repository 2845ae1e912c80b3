package dev.braid.durable.internal;

import dev.braid.runtime.RateLimit;
import dev.braid.runtime.RateLimiter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The buckets of the models' rate limits in {@code braid_rate_limits}, shared by every worker of
 * the database: each change reads a model's row with {@code SELECT … FOR UPDATE}, computes the new
 * level with {@link RateLimit}, and writes it in the same transaction, so that on H2 and
 * PostgreSQL alike no two workers spend the same capacity. A model's row is created full on its
 * first use. Thread-safe.
 */
public final class RateLimitTable implements RateLimiter.Store {
  /** The SQLSTATE of a unique violation, on H2 and PostgreSQL: another worker inserted first. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public RateLimitTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public long take(RateLimit limit, long tokens, long nowMicros) throws SQLException {
    long[] wait = new long[1];
    change(limit, nowMicros, level -> {
      RateLimit.Take take = limit.take(level, tokens, nowMicros);
      wait[0] = take.waitMicros();
      return take.level();
    });
    return wait[0];
  }

  @Override
  public void adjust(RateLimit limit, long tokens, long nowMicros) throws SQLException {
    change(limit, nowMicros, level -> limit.adjust(level, tokens, nowMicros));
  }

  private void change(RateLimit limit, long nowMicros, UnaryOperator<RateLimit.Level> change)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        RateLimit.Level level = lock(connection, limit.model());
        if (level == null) {
          level = insertFull(connection, limit, nowMicros)
              ? limit.full(nowMicros) : lock(connection, limit.model());
          if (level == null) {
            throw new SQLException("The row of rate limit " + limit + " vanished");
          }
        }
        RateLimit.Level next = change.apply(level);
        try (PreparedStatement update = connection.prepareStatement("UPDATE braid_rate_limits"
            + " SET requests = ?, tokens = ?, at_micros = ? WHERE model = ?")) {
          update.setDouble(1, next.requests());
          update.setDouble(2, next.tokens());
          update.setLong(3, next.atMicros());
          update.setString(4, limit.model());
          update.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static RateLimit.@Nullable Level lock(Connection connection, String model)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT requests, tokens,"
        + " at_micros FROM braid_rate_limits WHERE model = ? FOR UPDATE")) {
      select.setString(1, model);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next()
            ? new RateLimit.Level(rows.getDouble(1), rows.getDouble(2), rows.getLong(3))
            : null;
      }
    }
  }

  /**
   * Inserts the full row of a limit used for the first time; false if another worker inserted it
   * first. On PostgreSQL a failed statement aborts the transaction, so the insert runs under a
   * savepoint.
   */
  private static boolean insertFull(Connection connection, RateLimit limit, long nowMicros)
      throws SQLException {
    RateLimit.Level full = limit.full(nowMicros);
    var savepoint = connection.setSavepoint();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO braid_rate_limits"
        + " (model, requests, tokens, at_micros) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, limit.model());
      insert.setDouble(2, full.requests());
      insert.setDouble(3, full.tokens());
      insert.setLong(4, full.atMicros());
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(savepoint);
      return false;
    }
  }
}
