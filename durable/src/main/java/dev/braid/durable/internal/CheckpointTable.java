package dev.braid.durable.internal;

import static dev.braid.durable.internal.RunTable.prepare;
import static dev.braid.durable.internal.RunTable.time;

import dev.braid.runtime.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The SQL of {@code braid_step_checkpoints}. A checkpoint is written only while the writer still
 * holds the run's lease for the same claim, in the same statement that checks it, so a worker
 * that lost its run cannot add to it. Thread-safe.
 */
public final class CheckpointTable {
  private final DataSource dataSource;

  public CheckpointTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores {@code checkpoint}; false if {@code owner} no longer holds the run for {@code claim}. */
  public boolean write(Claim claim, String owner, Checkpoint checkpoint) throws SQLException {
    Usage usage = checkpoint.usage();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection,
            "INSERT INTO braid_step_checkpoints (run_id, step, output, input_tokens,"
                + " cached_input_tokens, output_tokens, calls, cost_microcents, started_at,"
                + " finished_at, step_attempts, fingerprint)"
                + " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM braid_runs"
                + " WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'RUNNING'",
            checkpoint.step(), checkpoint.outputJson(), usage.inputTokens(),
            usage.cachedInputTokens(), usage.outputTokens(), usage.calls(),
            usage.costMicrocents(),
            checkpoint.startedAt() == null ? null : time(checkpoint.startedAt()),
            time(checkpoint.finishedAt()), checkpoint.attempts(), checkpoint.fingerprint(),
            claim.id(), owner,
            claim.attempt())) {
      return statement.executeUpdate() == 1;
    }
  }

  /** The checkpoints of run {@code runId}, in the order they were written. */
  public List<Checkpoint> read(String runId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection,
            "SELECT step, output, input_tokens, cached_input_tokens, output_tokens, calls,"
                + " cost_microcents, started_at, finished_at, step_attempts, fingerprint"
                + " FROM braid_step_checkpoints WHERE run_id = ?"
                + " ORDER BY finished_at, step", runId);
        ResultSet rows = statement.executeQuery()) {
      List<Checkpoint> checkpoints = new ArrayList<>();
      while (rows.next()) {
        OffsetDateTime started = rows.getObject(8, OffsetDateTime.class);
        checkpoints.add(new Checkpoint(rows.getString(1), rows.getString(2),
            new Usage(rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6),
                rows.getLong(7)),
            started == null ? null : started.toInstant(),
            rows.getObject(9, OffsetDateTime.class).toInstant(), rows.getInt(10),
            rows.getString(11)));
      }
      return checkpoints;
    }
  }

  /**
   * Deletes the checkpoints of {@code steps} of the claimed run, which this build of the pipeline
   * runs again; nothing if {@code owner} no longer holds the run.
   */
  public void delete(Claim claim, String owner, Collection<String> steps)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      delete(connection, claim, owner, steps);
    }
  }

  /**
   * Deletes the checkpoints of {@code steps}, which the answer of the claimed run's pending resume
   * left invalid, and clears the pending resume, in one transaction: a worker that takes the run
   * over later finds the choice made, and never compares the old inputs with checkpoints written
   * since. Nothing if {@code owner} no longer holds the run.
   */
  public void settlePendingResume(Claim claim, String owner, Collection<String> steps)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        delete(connection, claim, owner, steps);
        try (PreparedStatement statement = prepare(connection, "UPDATE braid_runs"
            + " SET resume_pending_inputs = NULL, resume_pending_step = NULL"
            + " WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'RUNNING'",
            claim.id(), owner, claim.attempt())) {
          statement.executeUpdate();
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

  private static void delete(Connection connection, Claim claim, String owner,
      Collection<String> steps) throws SQLException {
    if (steps.isEmpty()) {
      return;
    }
    List<Object> parameters = new ArrayList<>(List.of(claim.id()));
    parameters.addAll(steps);
    parameters.addAll(List.of(claim.id(), owner, claim.attempt()));
    try (PreparedStatement statement = prepare(connection,
        "DELETE FROM braid_step_checkpoints WHERE run_id = ? AND step IN ("
            + RunTable.placeholders(steps.size()) + ") AND EXISTS (SELECT 1 FROM braid_runs"
            + " WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'RUNNING')",
        parameters.toArray())) {
      statement.executeUpdate();
    }
  }
}
