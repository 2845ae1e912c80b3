package dev.braid.durable.internal;

import dev.braid.durable.RunFilter;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of {@code braid_runs}. Every write a worker makes after claiming a run is fenced by the
 * lease owner and the claim's attempt number, so a worker whose lease was taken over changes
 * nothing. Thread-safe: each call borrows its own connection.
 */
public final class RunTable {
  private static final String COLUMNS = "id, pipeline, status, priority, not_before, inputs,"
      + " attempts, lease_owner, lease_expires_at, cancel_requested, result, error, created_at,"
      + " started_at, finished_at, stopped_at, question, state, details, error_trace, version,"
      + " notice, timeline, input_types";
  private static final String CLAIMABLE = "((status = 'QUEUED' AND not_before <= ?)"
      + " OR (status = 'RUNNING' AND lease_expires_at < ?))";
  /**
   * The condition that a claim still holds its run (id, lease owner, claim number, RUNNING): every
   * write a worker makes for a claimed run carries it, so a worker that lost its lease writes
   * nothing.
   */
  static final String FENCE = " WHERE id = ? AND lease_owner = ? AND attempts = ?"
      + " AND status = 'RUNNING'";

  /** A claimable run as H2 reads it before trying to claim it. */
  private record Candidate(String id, String pipeline, String inputsJson, int attempts,
      boolean cancelRequested, int attemptsBeforeResume, @Nullable String version,
      @Nullable String inputTypes, int priority, @Nullable PendingResume pendingResume) {}

  /**
   * The pipeline version a run is stored with and the names of its input types then; {@link
   * #NONE} for a run submitted by pipeline name.
   */
  public record Version(@Nullable String version, @Nullable String inputTypes) {
    public static final Version NONE = new Version(null, null);
  }

  private final DataSource dataSource;
  private final Dialect dialect;

  public RunTable(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  public void insert(String id, String pipeline, int priority, Instant notBefore, String inputs,
      Version version, @Nullable String notice, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      insert(connection, dialect, id, pipeline, priority, notBefore, inputs, version, notice,
          now);
    }
    LocalSignals.runQueued(dataSource);
  }

  /**
   * Queues a run on {@code connection}, in its transaction if it has one (a firing schedule's). On
   * PostgreSQL the insert and its {@code NOTIFY} are one statement, so they commit together, in
   * one round trip, even in auto-commit.
   */
  static void insert(Connection connection, Dialect dialect, String id, String pipeline,
      int priority, Instant notBefore, String inputs, Version version, @Nullable String notice,
      Instant now) throws SQLException {
    String insert = "INSERT INTO braid_runs (id, pipeline, status, priority, not_before, inputs,"
        + " attempts, cancel_requested, created_at, version, input_types, notice)"
        + " VALUES (?, ?, 'QUEUED', ?, ?, ?, 0, FALSE, ?, ?, ?, ?)";
    try (PreparedStatement statement = prepare(connection, dialect == Dialect.POSTGRESQL
        ? "WITH queued AS (" + insert + " RETURNING pipeline)"
            + " SELECT pg_notify('" + QueueNotifications.CHANNEL + "', pipeline) FROM queued"
        : insert,
        id, pipeline, priority, time(notBefore), inputs, time(now), version.version(),
        version.inputTypes(), notice)) {
      statement.execute();
    }
  }

  /**
   * Stores a run already claimed by {@code owner}'s instance {@code instance} (its first claim),
   * for a worker of this JVM that runs it at once; no other worker is told of it.
   */
  public void insertClaimed(String id, String pipeline, int priority, String inputs,
      Version version, Instant now, String owner, String instance, Instant leaseUntil)
      throws SQLException {
    update("INSERT INTO braid_runs (id, pipeline, status, priority, not_before, inputs, attempts,"
        + " cancel_requested, created_at, started_at, lease_owner, lease_instance,"
        + " lease_expires_at, version, input_types)"
        + " VALUES (?, ?, 'RUNNING', ?, ?, ?, 1, FALSE, ?, ?, ?, ?, ?, ?, ?)",
        id, pipeline, priority, time(now), inputs, time(now), time(now), owner, instance,
        time(leaseUntil), version.version(), version.inputTypes());
  }

  /**
   * Records the version a run submitted by pipeline name started on, once, fenced by the claim.
   */
  public void stampVersion(Claim claim, String owner, Version version) throws SQLException {
    update("UPDATE braid_runs SET version = ?, input_types = ?" + FENCE + " AND version IS NULL",
        version.version(), version.inputTypes(), claim.id(), owner, claim.attempt());
  }

  public Optional<StoredRun> find(String id) throws SQLException {
    List<StoredRun> runs = query("SELECT " + COLUMNS + " FROM braid_runs WHERE id = ?", id);
    return runs.stream().findFirst();
  }

  public List<StoredRun> list(RunFilter filter) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM braid_runs WHERE ");
    where(filter, sql, parameters);
    sql.append(" ORDER BY created_at DESC, id LIMIT ").append(filter.limit());
    return query(sql.toString(), parameters.toArray());
  }

  /** How many runs {@code filter} selects in each status, its limit aside. */
  public Map<RunStatus, Long> count(RunFilter filter) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT status, COUNT(*) FROM braid_runs WHERE ");
    where(filter, sql, parameters);
    sql.append(" GROUP BY status");
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    filter.statuses().forEach(status -> counts.put(status, 0L));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql.toString(), parameters.toArray());
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        counts.put(RunStatus.valueOf(rows.getString(1)), rows.getLong(2));
      }
    }
    return counts;
  }

  private static void where(RunFilter filter, StringBuilder sql, List<Object> parameters) {
    sql.append("status IN (").append(placeholders(filter.statuses().size())).append(')');
    filter.statuses().forEach(status -> parameters.add(status.name()));
    filter.pipeline().ifPresent(pipeline -> {
      sql.append(" AND pipeline = ?");
      parameters.add(pipeline);
    });
    filter.submittedFrom().ifPresent(from -> {
      sql.append(" AND created_at >= ?");
      parameters.add(time(from));
    });
    filter.submittedBefore().ifPresent(before -> {
      sql.append(" AND created_at < ?");
      parameters.add(time(before));
    });
  }

  /**
   * Cancels a queued run at once, or asks the worker of a running one to stop it; false if the
   * run had already ended or does not exist.
   */
  public boolean cancel(String id, Instant now) throws SQLException {
    int cancelled = updateAndNotifyEnd("UPDATE braid_runs SET status = 'CANCELLED',"
        + " finished_at = ?, error = 'cancelled before it started'"
        + " WHERE id = ? AND status = 'QUEUED'", time(now), id);
    if (cancelled == 1) {
      LocalSignals.runEnded(id);
      return true;
    }
    return update("UPDATE braid_runs SET cancel_requested = TRUE"
        + " WHERE id = ? AND status = 'RUNNING'", id) == 1;
  }

  /**
   * Claims up to {@code max} runs of {@code pipelines} that are queued and due, or running with an
   * expired lease, highest priority first, each leased to {@code owner} until {@code leaseUntil}.
   */
  public List<Claim> claim(String owner, Collection<String> pipelines, int max, Instant now,
      Instant leaseUntil) throws SQLException {
    return claim(owner, null, pipelines, max, now, leaseUntil);
  }

  /**
   * Claims as {@link #claim(String, Collection, int, Instant, Instant)} does, for worker instance
   * {@code instance}, which {@link Reclaiming} reads to tell a dead instance's runs from a live
   * one's.
   */
  public List<Claim> claim(String owner, @Nullable String instance, Collection<String> pipelines,
      int max, Instant now, Instant leaseUntil) throws SQLException {
    if (max < 1 || pipelines.isEmpty()) {
      return List.of();
    }
    return dialect == Dialect.POSTGRESQL
        ? claimSkippingLocked(owner, instance, pipelines, max, now, leaseUntil)
        : claimConditionally(owner, instance, pipelines, max, now, leaseUntil);
  }

  private List<Claim> claimSkippingLocked(String owner, @Nullable String instance,
      Collection<String> pipelines, int max, Instant now, Instant leaseUntil)
      throws SQLException {
    String sql = "UPDATE braid_runs SET status = 'RUNNING', lease_owner = ?, lease_instance = ?,"
        + " lease_expires_at = ?, notice = NULL,"
        + " attempts = attempts + 1, started_at = ? WHERE id IN (SELECT id FROM braid_runs WHERE "
        + CLAIMABLE + " AND pipeline IN (" + placeholders(pipelines.size()) + ")"
        + " ORDER BY priority DESC, not_before, created_at LIMIT ? FOR UPDATE SKIP LOCKED)"
        + " RETURNING id, pipeline, inputs, attempts, cancel_requested, attempts_before_resume,"
        + " version, input_types, priority, resume_pending_inputs, resume_pending_step";
    List<@Nullable Object> parameters = new ArrayList<>(Arrays.asList(owner, instance,
        time(leaseUntil), time(now), time(now), time(now)));
    parameters.addAll(pipelines);
    parameters.add(max);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters.toArray());
        ResultSet rows = statement.executeQuery()) {
      List<Claim> claims = new ArrayList<>();
      while (rows.next()) {
        claims.add(new Claim(rows.getString(1), rows.getString(2), rows.getString(3),
            rows.getInt(4), rows.getBoolean(5), rows.getInt(6), rows.getString(7),
            rows.getString(8), rows.getInt(9), pendingResume(rows)));
      }
      return claims;
    }
  }

  private List<Claim> claimConditionally(String owner, @Nullable String instance,
      Collection<String> pipelines, int max, Instant now, Instant leaseUntil)
      throws SQLException {
    // One SELECT per status, so that H2 reads each through braid_runs_claim instead of walking
    // every stored run of the pipeline, finished ones included, to evaluate an OR.
    String in = " AND pipeline IN (" + placeholders(pipelines.size()) + ")";
    String columns = "SELECT id, pipeline, inputs, attempts, cancel_requested,"
        + " attempts_before_resume, version, input_types, priority, resume_pending_inputs,"
        + " resume_pending_step, not_before, created_at"
        + " FROM braid_runs WHERE ";
    List<Object> parameters = new ArrayList<>();
    parameters.add(time(now));
    parameters.addAll(pipelines);
    parameters.add(time(now));
    parameters.addAll(pipelines);
    List<Candidate> candidates = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, columns
            + "status = 'QUEUED' AND not_before <= ?" + in + " UNION ALL " + columns
            + "status = 'RUNNING' AND lease_expires_at < ?" + in
            + " ORDER BY priority DESC, not_before, created_at LIMIT " + (max * 2),
            parameters.toArray());
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        candidates.add(new Candidate(rows.getString(1), rows.getString(2), rows.getString(3),
            rows.getInt(4), rows.getBoolean(5), rows.getInt(6), rows.getString(7),
            rows.getString(8), rows.getInt(9), pendingResume(rows)));
      }
    }
    List<Claim> claims = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (claims.size() == max) {
        break;
      }
      int won = update("UPDATE braid_runs SET status = 'RUNNING', lease_owner = ?,"
          + " notice = NULL, lease_instance = ?, lease_expires_at = ?, attempts = attempts + 1,"
          + " started_at = ?"
          + " WHERE id = ? AND attempts = ? AND " + CLAIMABLE,
          owner, instance, time(leaseUntil), time(now), candidate.id(), candidate.attempts(),
          time(now), time(now));
      if (won == 1) {
        claims.add(new Claim(candidate.id(), candidate.pipeline(), candidate.inputsJson(),
            candidate.attempts() + 1, candidate.cancelRequested(),
            candidate.attemptsBeforeResume(), candidate.version(), candidate.inputTypes(),
            candidate.priority(), candidate.pendingResume()));
      }
    }
    return claims;
  }

  /** The pending resume of the claim row {@code rows} is on, if a caller left one. */
  private static @Nullable PendingResume pendingResume(ResultSet rows) throws SQLException {
    String inputs = rows.getString("resume_pending_inputs");
    return inputs == null ? null
        : new PendingResume(inputs, rows.getString("resume_pending_step"));
  }

  /** Extends the lease of a claimed run; false if the worker no longer holds it. */
  public boolean renew(Claim claim, String owner, Instant leaseUntil) throws SQLException {
    return update("UPDATE braid_runs SET lease_expires_at = ?" + FENCE,
        time(leaseUntil), claim.id(), owner, claim.attempt()) == 1;
  }

  /** The ids of the runs {@code owner} holds whose cancellation was requested. */
  public Set<String> cancelRequested(String owner) throws SQLException {
    return query("SELECT " + COLUMNS + " FROM braid_runs WHERE lease_owner = ?"
        + " AND status = 'RUNNING' AND cancel_requested", owner)
        .stream().map(StoredRun::id).collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * Records how a claimed run ended, and tells the awaits of other processes; false if the worker
   * no longer holds it.
   */
  public boolean finish(Claim claim, String owner, RunExecution.Outcome outcome, Instant now)
      throws SQLException {
    return updateAndNotifyEnd("UPDATE braid_runs SET status = ?, result = ?,"
        + " error = ?, stopped_at = ?, question = ?, state = ?, details = ?, finished_at = ?,"
        + " error_trace = ?, timeline = ?,"
        + " lease_owner = NULL, lease_instance = NULL, lease_expires_at = NULL" + FENCE,
        outcome.status().name(), outcome.result(), outcome.error(), outcome.stoppedAt(),
        outcome.question(), outcome.state(), outcome.details(), time(now), outcome.errorTrace(),
        outcome.timeline(), claim.id(), owner,
        claim.attempt()) == 1;
  }

  /**
   * Runs {@code update}, which ends runs, and on PostgreSQL sends {@code NOTIFY braid_runs_ended}
   * with the id of each run it ended, in the same statement: the notification goes out when, and
   * only if, the update commits.
   */
  private int updateAndNotifyEnd(String update, @Nullable Object... parameters)
      throws SQLException {
    if (dialect != Dialect.POSTGRESQL) {
      return update(update, parameters);
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, "WITH ended AS (" + update
            + " RETURNING id) SELECT pg_notify('" + EndNotifications.CHANNEL + "', id)"
            + " FROM ended", parameters);
        ResultSet rows = statement.executeQuery()) {
      int ended = 0;
      while (rows.next()) {
        ended++;
      }
      return ended;
    }
  }

  /** How many runs wait in the queue, due or not. */
  public long queued() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection,
            "SELECT COUNT(*) FROM braid_runs WHERE status = 'QUEUED'");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Queues a run of {@code pipeline} that stopped early again with {@code inputs}, dropping the
   * checkpoints of every step but {@code keep}, in one transaction; false if the run is no longer
   * the one that stopped at {@code finishedAt} (someone resumed or deleted it meanwhile). With a
   * {@code pending} resume, the caller, which has no plan, keeps every checkpoint and leaves the
   * choice to the worker that claims the run.
   */
  public boolean resume(String id, String pipeline, Instant finishedAt, String inputs,
      Set<String> keep, @Nullable PendingResume pending, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (pending == null) {
          StringBuilder delete = new StringBuilder(
              "DELETE FROM braid_step_checkpoints WHERE run_id = ?");
          List<Object> parameters = new ArrayList<>(List.of(id));
          if (!keep.isEmpty()) {
            delete.append(" AND step NOT IN (").append(placeholders(keep.size())).append(')');
            parameters.addAll(keep);
          }
          try (PreparedStatement statement = prepare(connection, delete.toString(),
              parameters.toArray())) {
            statement.executeUpdate();
          }
        }
        int requeued;
        try (PreparedStatement statement = prepare(connection, "UPDATE braid_runs SET"
            + " status = 'QUEUED', inputs = ?, not_before = ?, result = NULL, error = NULL,"
            + " stopped_at = NULL, question = NULL, state = NULL, details = NULL,"
            + " error_trace = NULL, timeline = NULL, finished_at = NULL,"
            + " cancel_requested = FALSE, attempts_before_resume = attempts,"
            + " resume_pending_inputs = ?, resume_pending_step = ?"
            + " WHERE id = ? AND status = 'STOPPED_EARLY' AND finished_at = ?",
            inputs, time(now), pending == null ? null : pending.previousInputsJson(),
            pending == null ? null : pending.stoppedAt(), id, time(finishedAt))) {
          requeued = statement.executeUpdate();
        }
        if (requeued != 1) {
          connection.rollback();
          return false;
        }
        QueueNotifications.notifyQueued(connection, dialect, pipeline);
        connection.commit();
        LocalSignals.runQueued(dataSource);
        return true;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * Fails a run that stopped early at {@code finishedAt} with {@code error}; false if it is no
   * longer that run (someone resumed or deleted it meanwhile).
   */
  public boolean failStopped(String id, Instant finishedAt, String error, Instant now)
      throws SQLException {
    boolean failed = updateAndNotifyEnd("UPDATE braid_runs SET status = 'FAILED', error = ?,"
        + " finished_at = ? WHERE id = ? AND status = 'STOPPED_EARLY' AND finished_at = ?",
        error, time(now), id, time(finishedAt)) == 1;
    if (failed) {
      LocalSignals.runEnded(id);
    }
    return failed;
  }

  /** Puts a claimed run back in the queue, its checkpoints kept; false if no longer held. */
  public boolean release(Claim claim, String owner) throws SQLException {
    return update("UPDATE braid_runs SET status = 'QUEUED', lease_owner = NULL,"
        + " lease_instance = NULL, lease_expires_at = NULL" + FENCE, claim.id(), owner,
        claim.attempt()) == 1;
  }

  private List<StoredRun> query(String sql, @Nullable Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<StoredRun> runs = new ArrayList<>();
      while (rows.next()) {
        runs.add(new StoredRun(rows.getString("id"), rows.getString("pipeline"),
            RunStatus.valueOf(rows.getString("status")), rows.getInt("priority"),
            instant(rows, "not_before"), rows.getString("inputs"), rows.getInt("attempts"),
            rows.getString("lease_owner"), nullableInstant(rows, "lease_expires_at"),
            rows.getBoolean("cancel_requested"), rows.getString("result"),
            rows.getString("error"), rows.getString("stopped_at"), rows.getString("question"),
            rows.getString("state"), details(rows), instant(rows, "created_at"),
            nullableInstant(rows, "started_at"), nullableInstant(rows, "finished_at"),
            rows.getString("error_trace"), rows.getString("version"), rows.getString("notice"),
            rows.getString("timeline"), rows.getString("input_types")));
      }
      return runs;
    }
  }

  private int update(String sql, @Nullable Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  static PreparedStatement prepare(Connection connection, String sql,
      @Nullable Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** The {@code details} column, an empty map when it holds none. */
  private static Map<String, Object> details(ResultSet rows) throws SQLException {
    String json = rows.getString("details");
    return json == null ? Map.of() : Json.readObject(json);
  }

  static Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  static @Nullable Instant nullableInstant(ResultSet rows, String column)
      throws SQLException {
    OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
