package dev.braid.durable.process;

import dev.braid.durable.RunStatus;
import dev.braid.durable.process.LedgerPipeline.StepKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** What the tests read from the runs' database directly, and polling with a deadline. */
final class DatabaseProbe {
  private DatabaseProbe() {}

  /** The checkpointed steps, by order key; {@code orderOfRun} maps run ids to order keys. */
  static Set<StepKey> checkpoints(DataSource database, Map<String, String> orderOfRun)
      throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT run_id, step FROM braid_step_checkpoints")) {
      Set<StepKey> steps = new HashSet<>();
      while (rows.next()) {
        steps.add(new StepKey(orderOfRun.get(rows.getString(1)), rows.getString(2)));
      }
      return steps;
    }
  }

  /** How many runs are in each status. */
  static Map<RunStatus, Integer> statuses(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT status, count(*) FROM braid_runs GROUP BY status")) {
      Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
      while (rows.next()) {
        counts.put(RunStatus.valueOf(rows.getString(1)), rows.getInt(2));
      }
      return counts;
    }
  }

  /**
   * Polls {@code condition} every 20 ms until it holds, failing after {@code timeout} with {@code
   * state}, which should say what was seen instead.
   */
  static void eventually(String what, Duration timeout, Callable<Boolean> condition,
      Supplier<String> state) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + timeout + ": " + what + "; " + state.get());
      }
      Thread.sleep(20);
    }
  }
}
