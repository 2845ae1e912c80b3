package dev.braid.durable.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The databases durable runs support, and the few things that differ between them: how a worker
 * claims runs and how concurrent migrations are kept apart.
 */
public enum Dialect {
  /**
   * PostgreSQL: claims with one {@code UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)},
   * so concurrent workers skip each other's candidates instead of waiting on them.
   */
  POSTGRESQL,
  /**
   * H2: accepts {@code SKIP LOCKED} but applies {@code LIMIT} before skipping, so a second worker
   * would see no candidates while a first holds them; claims instead with a conditional {@code
   * UPDATE} per candidate, which only one worker can win.
   */
  H2;

  /** The dialect of the database {@code connection} is connected to. */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    return switch (product) {
      case "PostgreSQL" -> POSTGRESQL;
      case "H2" -> H2;
      default -> throw new IllegalStateException("Durable runs support H2 and PostgreSQL, but the"
          + " DataSource is connected to " + product + "; use DurableDatabase.h2() or"
          + " DurableDatabase.postgres(…)");
    };
  }
}
