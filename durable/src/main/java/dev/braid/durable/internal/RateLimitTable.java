package dev.braid.durable.internal;

import dev.braid.runtime.RateLimit;
import dev.braid.runtime.RateLimiter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The buckets of the models' rate limits in {@code braid_rate_limits}, shared by every worker of
 * the database: each change reads a model's row with {@code SELECT … FOR UPDATE}, computes the new
 * level with {@link RateLimit}, and writes it in the same transaction, so that on H2 and
 * PostgreSQL alike no two workers spend the same capacity. A model's row is created full on its
 * first use.
 *
 * <p>A call is admitted only if it is the first of the model's {@linkplain RateLimitWaiters
 * waiters}, which every worker's asking call joins: a higher-priority call waiting in one worker
 * is served before a lower-priority one waiting in another, and calls of equal priority in the
 * order they began to wait. A waiter that is not first waits for the call ahead of it to be
 * served. Thread-safe.
 */
public final class RateLimitTable implements RateLimiter.Store {
  /** The SQLSTATE of a unique violation, on H2 and PostgreSQL: another worker inserted first. */
  private static final String UNIQUE_VIOLATION = "23505";
  private static final double MICROS_PER_MINUTE = 60_000_000.0;
  private static final long ASK_EVERY_MICROS = RateLimitWaiters.ASK_EVERY.toNanos() / 1_000;

  private final DataSource dataSource;

  public RateLimitTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public long take(RateLimit limit, long tokens, RateLimiter.Waiter waiter, long nowMicros)
      throws SQLException {
    long[] wait = new long[1];
    change(limit, nowMicros, (connection, level) -> {
      String first = RateLimitWaiters.announce(connection, limit.model(), waiter, nowMicros);
      RateLimit.Take take = limit.take(level, tokens, nowMicros);
      if (!first.equals(waiter.id())) {
        wait[0] = Math.min(ASK_EVERY_MICROS, Math.max(take.waitMicros(), callMicros(limit)));
        return level;
      }
      if (take.admitted()) {
        RateLimitWaiters.remove(connection, limit.model(), waiter);
      }
      wait[0] = Math.min(ASK_EVERY_MICROS, take.waitMicros());
      return take.level();
    });
    return wait[0];
  }

  @Override
  public void adjust(RateLimit limit, long tokens, long nowMicros) throws SQLException {
    change(limit, nowMicros, (connection, level) -> limit.adjust(level, tokens, nowMicros));
  }

  @Override
  public void withdraw(RateLimit limit, RateLimiter.Waiter waiter) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      RateLimitWaiters.remove(connection, limit.model(), waiter);
    }
  }

  /** How long one call's share of the limit takes to refill: what a waiter behind one waits. */
  private static long callMicros(RateLimit limit) {
    double micros = 0;
    if (limit.requestsPerMinute() > 0) {
      micros = MICROS_PER_MINUTE / limit.requestsPerMinute();
    }
    if (limit.tokensPerMinute() > 0) {
      micros = Math.max(micros, limit.tokensPerCall() * MICROS_PER_MINUTE
          / limit.tokensPerMinute());
    }
    return Math.max(1, (long) Math.ceil(micros));
  }

  /** A change of a limit's level, made in the transaction that holds its row. */
  @FunctionalInterface
  private interface Change {
    RateLimit.Level apply(Connection connection, RateLimit.Level level) throws SQLException;
  }

  private void change(RateLimit limit, long nowMicros, Change change) throws SQLException {
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
        RateLimit.Level next = change.apply(connection, level);
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
