package dev.braid.durable.internal;

import static dev.braid.durable.internal.RunTable.prepare;
import static dev.braid.durable.internal.RunTable.time;

import dev.braid.durable.StoredAttempt;
import dev.braid.durable.StoredModelCall;
import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SQL of {@code braid_step_attempts}. An attempt is written only while its writer still holds
 * the run's lease for the claim that made it, in the statement that checks it, as checkpoints are;
 * rows of earlier claims are never touched, so a takeover adds to them. Stateless.
 */
final class AttemptTable {
  /** The size of the {@code model_calls} column, in characters. */
  static final int LONGEST_CALLS = 1_000_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttemptTable() {}

  /** The columns of a row, in the order of {@link #values}. */
  static final String COLUMNS = "run_id, claim, worker, step, attempt_number, outcome,"
      + " started_at, finished_at, waited_ms, input_tokens, cached_input_tokens, output_tokens,"
      + " calls, cost_microcents, latency_ms, error, error_trace, model_calls";

  /** Placeholders for {@link #values}: every column but the run's id and the claim. */
  static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  /** Stores {@code attempt} of the claimed run; false if {@code owner} no longer holds it. */
  static boolean insert(Connection connection, Claim claim, String owner, StoredAttempt attempt)
      throws SQLException {
    List<Object> parameters = new ArrayList<>(values(owner, attempt));
    parameters.addAll(List.of(claim.id(), owner, claim.attempt()));
    try (PreparedStatement statement = prepare(connection,
        "INSERT INTO braid_step_attempts (" + COLUMNS + ") SELECT id, attempts, " + PLACEHOLDERS
            + " FROM braid_runs" + RunTable.FENCE,
        parameters.toArray())) {
      return statement.executeUpdate() == 1;
    }
  }

  /** The values of {@code attempt}'s row for {@link #PLACEHOLDERS}. */
  static List<@Nullable Object> values(String owner, StoredAttempt attempt) {
    Usage usage = attempt.usage();
    return Arrays.asList(owner, attempt.step(), attempt.number(), attempt.outcome().name(),
        time(attempt.startedAt()), time(attempt.finishedAt()), attempt.waited().toMillis(),
        usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(), usage.calls(),
        usage.costMicrocents(), usage.latency().toMillis(), attempt.error(),
        attempt.errorTrace(), calls(attempt.calls()));
  }

  /** The attempts of run {@code runId}, every claim's, in the order they started. */
  static List<StoredAttempt> read(Connection connection, String runId) throws SQLException {
    try (PreparedStatement statement = prepare(connection,
        "SELECT step, claim, worker, attempt_number, outcome, started_at, finished_at,"
            + " waited_ms, input_tokens, cached_input_tokens, output_tokens, calls,"
            + " cost_microcents, latency_ms, error, error_trace, model_calls"
            + " FROM braid_step_attempts WHERE run_id = ?"
            + " ORDER BY started_at, claim, step, attempt_number", runId);
        ResultSet rows = statement.executeQuery()) {
      List<StoredAttempt> attempts = new ArrayList<>();
      while (rows.next()) {
        List<StoredModelCall> calls = calls(rows.getString(17));
        Usage byCall = calls.stream().map(AttemptTable::usage).reduce(Usage.NONE, Usage::plus);
        Usage total = new Usage(rows.getLong(9), rows.getLong(10), rows.getLong(11),
            rows.getLong(12), rows.getLong(13), Duration.ofMillis(rows.getLong(14)),
            byCall.byModel());
        attempts.add(new StoredAttempt(rows.getString(1), rows.getInt(2), rows.getString(3),
            rows.getInt(4), AttemptOutcome.valueOf(rows.getString(5)), instant(rows, 6),
            instant(rows, 7), Duration.ofMillis(rows.getLong(8)), rows.getString(15),
            rows.getString(16), total, calls));
      }
      return attempts;
    }
  }

  private static Usage usage(StoredModelCall call) {
    return Usage.ofCall(call.model(), call.inputTokens(), call.cachedInputTokens(),
        call.outputTokens(), call.costMicrocents(), call.latency());
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  /**
   * Writes the calls as a JSON array, as many as fit {@link #LONGEST_CALLS} characters, the
   * column's size: an attempt that made more keeps its first ones, and its usage counts them all.
   */
  static String calls(List<StoredModelCall> calls) {
    StringBuilder array = new StringBuilder("[");
    for (StoredModelCall call : calls) {
      String json = Json.write(call(call));
      if (array.length() + json.length() + 2 > LONGEST_CALLS) {
        break;
      }
      array.append(array.length() > 1 ? "," : "").append(json);
    }
    return array.append(']').toString();
  }

  private static ObjectNode call(StoredModelCall call) {
    return NODES.objectNode()
        .put("model", call.model())
        .put("startedAt", call.startedAt().toString())
        .put("latencyMs", call.latency().toMillis())
        .put("inputTokens", call.inputTokens())
        .put("cachedInputTokens", call.cachedInputTokens())
        .put("outputTokens", call.outputTokens())
        .put("costMicrocents", call.costMicrocents())
        .put("error", call.error());
  }

  private static List<StoredModelCall> calls(@Nullable String json) {
    if (json == null) {
      return List.of();
    }
    JsonNode array = (JsonNode) Json.read(json, JsonNode.class);
    List<StoredModelCall> calls = new ArrayList<>();
    if (array != null) {
      for (JsonNode call : array) {
        calls.add(new StoredModelCall(call.path("model").asString(),
            Instant.parse(call.path("startedAt").asString()),
            Duration.ofMillis(call.path("latencyMs").asLong()), call.path("inputTokens").asLong(),
            call.path("cachedInputTokens").asLong(), call.path("outputTokens").asLong(),
            call.path("costMicrocents").asLong(), call.path("error").asString(null)));
      }
    }
    return calls;
  }
}
