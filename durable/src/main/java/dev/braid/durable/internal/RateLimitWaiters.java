package dev.braid.durable.internal;

import dev.braid.runtime.RateLimiter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The calls waiting for a model's rate limit in {@code braid_rate_limit_waiters}, one per worker:
 * how the limit learns which waiter, among all workers, comes first. A waiter asks at least every
 * {@link #ASK_EVERY}, and one that has not asked for {@link #FORGET_AFTER} is forgotten, as the
 * worker it waited in may have died. Each method runs in the caller's transaction, which holds the
 * model's row of {@code braid_rate_limits}, so that the waiters of a model change one at a time.
 */
final class RateLimitWaiters {
  /** The longest a waiter sleeps before it asks again, and so says it still waits. */
  static final Duration ASK_EVERY = Duration.ofSeconds(2);
  /** How long after its last ask a waiter is forgotten: several missed asks. */
  static final Duration FORGET_AFTER = Duration.ofSeconds(10);

  private RateLimitWaiters() {}

  /**
   * Records that {@code waiter} asks at {@code nowMicros}, forgets the waiters of the model that
   * stopped asking, and returns the id of the first waiter in {@link RateLimiter.Waiter#ORDER}.
   */
  static String announce(Connection connection, String model, RateLimiter.Waiter waiter,
      long nowMicros) throws SQLException {
    try (PreparedStatement forget = connection.prepareStatement("DELETE FROM"
        + " braid_rate_limit_waiters WHERE model = ? AND asked_micros < ?")) {
      forget.setString(1, model);
      forget.setLong(2, nowMicros - FORGET_AFTER.toNanos() / 1_000);
      forget.executeUpdate();
    }
    try (PreparedStatement asked = connection.prepareStatement("UPDATE braid_rate_limit_waiters"
        + " SET asked_micros = ? WHERE model = ? AND waiter = ?")) {
      asked.setLong(1, nowMicros);
      asked.setString(2, model);
      asked.setString(3, waiter.id());
      if (asked.executeUpdate() == 0) {
        insert(connection, model, waiter, nowMicros);
      }
    }
    String first = first(connection, model);
    return first == null ? waiter.id() : first;
  }

  /** Forgets {@code waiter}, admitted or gone; in a transaction of its own if the caller's is not. */
  static void remove(Connection connection, String model, RateLimiter.Waiter waiter)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM"
        + " braid_rate_limit_waiters WHERE model = ? AND waiter = ?")) {
      delete.setString(1, model);
      delete.setString(2, waiter.id());
      delete.executeUpdate();
    }
  }

  private static void insert(Connection connection, String model, RateLimiter.Waiter waiter,
      long nowMicros) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO"
        + " braid_rate_limit_waiters (model, waiter, priority, since_micros, asked_micros)"
        + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, model);
      insert.setString(2, waiter.id());
      insert.setInt(3, waiter.priority());
      insert.setLong(4, waiter.sinceMicros());
      insert.setLong(5, nowMicros);
      insert.executeUpdate();
    }
  }

  private static @Nullable String first(Connection connection, String model)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT waiter FROM"
        + " braid_rate_limit_waiters WHERE model = ?"
        + " ORDER BY priority DESC, since_micros, waiter FETCH FIRST 1 ROWS ONLY")) {
      select.setString(1, model);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }
}
