package dev.braid.durable.internal;

import static dev.braid.durable.internal.RunTable.prepare;
import static dev.braid.durable.internal.RunTable.time;

import dev.braid.durable.StoredAttempt;
import dev.braid.runtime.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of {@code braid_step_checkpoints}, and of {@code braid_step_attempts} through {@link
 * AttemptTable}. A checkpoint or an attempt is written only while the writer still holds the run's
 * lease for the same claim, in the same statement that checks it, so a worker that lost its run
 * cannot add to it. A step's successful attempt is written with its checkpoint, atomically, so
 * that it costs no commit of its own. Thread-safe.
 */
public final class CheckpointTable {
  private static final String INSERT = "INSERT INTO braid_step_checkpoints (run_id, step, output,"
      + " input_tokens, cached_input_tokens, output_tokens, calls, cost_microcents, started_at,"
      + " finished_at, step_attempts, fingerprint)"
      + " SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM braid_runs";

  private final DataSource dataSource;
  private volatile @Nullable Dialect dialect;

  public CheckpointTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores {@code checkpoint}; false if {@code owner} no longer holds the run for {@code claim}. */
  public boolean write(Claim claim, String owner, Checkpoint checkpoint) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return insert(connection, claim, owner, checkpoint);
    }
  }

  /**
   * Stores {@code checkpoint} and the attempt that succeeded with it, atomically; false, storing
   * neither, if {@code owner} no longer holds the run for {@code claim}: in one statement, whose
   * insert of the checkpoint feeds that of the attempt (a data-modifying {@code WITH} on
   * PostgreSQL, a {@code FINAL TABLE} on H2), so in one round trip and one commit.
   */
  boolean write(Claim claim, String owner, Checkpoint checkpoint, StoredAttempt attempt)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return insertBoth(connection, dialect(connection), claim, owner, checkpoint, attempt);
    }
  }

  private Dialect dialect(Connection connection) throws SQLException {
    Dialect known = dialect;
    if (known == null) {
      known = Dialect.of(connection);
      dialect = known;
    }
    return known;
  }

  /** The checkpoint's insert, fenced, feeding the attempt's, in one statement. */
  private static boolean insertBoth(Connection connection, Dialect dialect, Claim claim,
      String owner, Checkpoint checkpoint, StoredAttempt attempt) throws SQLException {
    List<@Nullable Object> checkpointed = new ArrayList<>(values(checkpoint));
    checkpointed.addAll(List.of(claim.id(), owner, claim.attempt()));
    List<@Nullable Object> attempted = new ArrayList<>(List.of(claim.attempt()));
    attempted.addAll(AttemptTable.values(owner, attempt));
    List<@Nullable Object> parameters = new ArrayList<>();
    // PostgreSQL reads the checkpoint's statement first, H2 the attempt's.
    parameters.addAll(dialect == Dialect.POSTGRESQL ? checkpointed : attempted);
    parameters.addAll(dialect == Dialect.POSTGRESQL ? attempted : checkpointed);
    String sql = dialect == Dialect.POSTGRESQL
        ? "WITH stored AS (" + INSERT + RunTable.FENCE + " RETURNING run_id)"
            + " INSERT INTO braid_step_attempts (" + AttemptTable.COLUMNS + ") SELECT run_id, ?, "
            + AttemptTable.PLACEHOLDERS + " FROM stored"
        : "INSERT INTO braid_step_attempts (" + AttemptTable.COLUMNS + ") SELECT run_id, ?, "
            + AttemptTable.PLACEHOLDERS + " FROM FINAL TABLE (" + INSERT + RunTable.FENCE + ")";
    try (PreparedStatement statement = prepare(connection, sql, parameters.toArray())) {
      return statement.executeUpdate() == 1;
    }
  }

  /** Stores {@code attempt}; false if {@code owner} no longer holds the run for {@code claim}. */
  boolean write(Claim claim, String owner, StoredAttempt attempt) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return AttemptTable.insert(connection, claim, owner, attempt);
    }
  }

  /** The attempts of run {@code runId}, every claim's, in the order they started. */
  public List<StoredAttempt> readAttempts(String runId) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return AttemptTable.read(connection, runId);
    }
  }

  private static boolean insert(Connection connection, Claim claim, String owner,
      Checkpoint checkpoint) throws SQLException {
    List<@Nullable Object> parameters = new ArrayList<>(values(checkpoint));
    parameters.addAll(List.of(claim.id(), owner, claim.attempt()));
    try (PreparedStatement statement = prepare(connection, INSERT + RunTable.FENCE,
        parameters.toArray())) {
      return statement.executeUpdate() == 1;
    }
  }

  private static List<@Nullable Object> values(Checkpoint checkpoint) {
    Usage usage = checkpoint.usage();
    return Arrays.asList(checkpoint.step(), checkpoint.outputJson(), usage.inputTokens(),
        usage.cachedInputTokens(), usage.outputTokens(), usage.calls(), usage.costMicrocents(),
        checkpoint.startedAt() == null ? null : time(checkpoint.startedAt()),
        time(checkpoint.finishedAt()), checkpoint.attempts(), checkpoint.fingerprint());
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
            + " SET resume_pending_inputs = NULL, resume_pending_step = NULL" + RunTable.FENCE,
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
            + RunTable.FENCE + ")",
        parameters.toArray())) {
      statement.executeUpdate();
    }
  }
}
