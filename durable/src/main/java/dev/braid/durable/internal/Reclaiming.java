package dev.braid.durable.internal;

import static dev.braid.durable.internal.RunTable.prepare;
import static dev.braid.durable.internal.RunTable.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Lets a worker that starts again under its worker id take back at once the runs its previous,
 * dead instance held, instead of waiting for their leases to run out: it ends their leases a
 * second ago, so that
 * its first claim, or any worker's, takes them, adding one to their attempts as every claim does.
 * Only runs still leased to the same worker id by an instance that is not alive are touched. A run
 * another worker took over is leased to that worker's id, and one that a live instance with the
 * same id runs (two workers wrongly given one id) belongs to that instance, so neither is ever run
 * twice. Stateless.
 */
public final class Reclaiming {
  /**
   * What a reclaim found.
   *
   * @param runs how many runs of dead instances it made claimable
   * @param liveInstances other instances of the same worker id that are alive and hold runs
   */
  public record Result(int runs, List<String> liveInstances) {}

  private Reclaiming() {}

  /** Makes the runs of {@code self}'s worker id held by its dead instances claimable at once. */
  public static Result reclaim(DataSource dataSource, WorkerInstance self, String workerId,
      Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        List<String> others = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, "SELECT DISTINCT lease_instance"
            + " FROM braid_runs WHERE status = 'RUNNING' AND lease_owner = ?"
            + " AND lease_instance IS NOT NULL AND lease_instance <> ?", workerId, self.id());
            ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            others.add(rows.getString(1));
          }
        }
        int runs = 0;
        List<String> live = new ArrayList<>();
        for (String other : others) {
          if (self.isAlive(connection, other)) {
            live.add(other);
            continue;
          }
          try (PreparedStatement statement = prepare(connection, "UPDATE braid_runs"
              + " SET lease_expires_at = ? WHERE status = 'RUNNING' AND lease_owner = ?"
              + " AND lease_instance = ?", time(now.minusSeconds(1)), workerId, other)) {
            runs += statement.executeUpdate();
          }
        }
        connection.commit();
        return new Result(runs, List.copyOf(live));
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }
}
