package dev.braid.benchmarks.versus;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks the counter before anything is measured with it: on a counted connection, a query in
 * autocommit mode must count one statement and one round trip, and an update in a transaction
 * three statements ({@code BEGIN}, the update, {@code COMMIT}) in two round trips, since pgjdbc
 * sends {@code BEGIN} with the first statement. A counter that drifts from the wire protocol
 * fails here rather than print wrong figures.
 */
final class WireCountCheck {
  private static final String TAG = "check";

  private WireCountCheck() {}

  static void run(DurablePostgres postgres) throws SQLException {
    try (Connection connection = DriverManager.getConnection(
            postgres.countedUrl("postgres", TAG), DurablePostgres.USER, DurablePostgres.PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMPORARY TABLE wire_check (n INTEGER)");
      WireCountingSocketFactory.Wire before = counts();
      statement.executeQuery("SELECT 1").close();
      expect("a query in autocommit mode", new WireCountingSocketFactory.Wire(1, 1), before);
      before = counts();
      connection.setAutoCommit(false);
      statement.executeUpdate("INSERT INTO wire_check VALUES (1)");
      connection.commit();
      expect("an insert in a transaction", new WireCountingSocketFactory.Wire(3, 2), before);
    }
  }

  private static WireCountingSocketFactory.Wire counts() {
    return WireCountingSocketFactory.counts(TAG).snapshot();
  }

  private static void expect(String what, WireCountingSocketFactory.Wire expected,
      WireCountingSocketFactory.Wire before) {
    WireCountingSocketFactory.Wire counted = counts().minus(before);
    if (!counted.equals(expected)) {
      throw new IllegalStateException("The wire counter counted " + counted + " for " + what
          + ", not " + expected + "; fix MessageCounter before trusting its figures");
    }
  }
}
