package dev.braid.durable.internal;

import static dev.braid.durable.internal.RunTable.placeholders;
import static dev.braid.durable.internal.RunTable.prepare;
import static dev.braid.durable.internal.RunTable.time;

import dev.braid.durable.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Deletes ended runs, with their checkpoints (the foreign key cascades), in batches: each batch is
 * one short statement, so a large backlog never holds many row locks at once. On PostgreSQL a
 * batch skips rows another worker's batch holds, so concurrent sweeps neither wait on nor deadlock
 * with each other; on H2 a batch reads the ids of its runs first, then deletes those that still
 * qualify. Thread-safe.
 */
public final class RunSweeper {
  /** How many runs one batch deletes. */
  public static final int BATCH = 500;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final int batch;

  public RunSweeper(DataSource dataSource, Dialect dialect) {
    this(dataSource, dialect, BATCH);
  }

  /** A sweeper whose batches delete {@code batch} runs each. */
  public RunSweeper(DataSource dataSource, Dialect dialect, int batch) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.batch = batch;
  }

  /**
   * Deletes runs in one of {@code statuses}, all terminal, that finished before {@code cutoff},
   * oldest first, in at most {@code maxBatches} batches; returns how many it deleted. Fewer than
   * {@code maxBatches} times the batch size means none are left.
   */
  public long delete(Set<RunStatus> statuses, Instant cutoff, long maxBatches)
      throws SQLException {
    for (RunStatus status : statuses) {
      if (!status.isTerminal()) {
        throw new IllegalArgumentException("Only ended runs may be deleted, not " + status);
      }
    }
    String selected = "status IN (" + placeholders(statuses.size()) + ") AND finished_at < ?";
    List<Object> parameters = new ArrayList<>();
    statuses.forEach(status -> parameters.add(status.name()));
    parameters.add(time(cutoff));
    long deleted = 0;
    for (long round = 0; round < maxBatches; round++) {
      try (Connection connection = dataSource.getConnection()) {
        int found;
        if (dialect == Dialect.POSTGRESQL) {
          found = execute(connection, "DELETE FROM braid_runs WHERE id IN (SELECT id FROM"
              + " braid_runs WHERE " + selected + " ORDER BY finished_at LIMIT " + batch
              + " FOR UPDATE SKIP LOCKED)", parameters);
          deleted += found;
        } else {
          List<Object> ids = oldest(connection, selected, parameters);
          found = ids.size();
          if (found > 0) {
            List<Object> all = new ArrayList<>(ids);
            all.addAll(parameters);
            deleted += execute(connection, "DELETE FROM braid_runs WHERE id IN ("
                + placeholders(found) + ") AND " + selected, all);
          }
        }
        if (found < batch) {
          break;
        }
      }
    }
    return deleted;
  }

  /**
   * The ids of the oldest batch, for H2, whose {@code DELETE … WHERE id IN (SELECT … LIMIT n)}
   * stops after the first row: the delete that follows checks the condition again, in case a run
   * was resumed meanwhile.
   */
  private List<Object> oldest(Connection connection, String selected, List<Object> parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, "SELECT id FROM braid_runs WHERE "
            + selected + " ORDER BY finished_at LIMIT " + batch, parameters.toArray());
        ResultSet rows = statement.executeQuery()) {
      List<Object> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    }
  }

  private static int execute(Connection connection, String sql, List<Object> parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters.toArray())) {
      return statement.executeUpdate();
    }
  }
}
