package dev.braid.durable.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.StoredAttempt;
import dev.braid.durable.StoredModelCall;
import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.Usage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Measures what storing each attempt adds to a step's write: a checkpoint alone, as every step
 * wrote before attempts were stored, against a checkpoint with its successful attempt (one model
 * call) in one statement, as every step writes now, and a failed attempt alone, as a retry
 * writes. Each is timed in turn over rounds, after warm-up, in the same run, on an H2 file
 * database and on an embedded PostgreSQL server (its defaults, {@code fsync} and {@code
 * synchronous_commit} off, so no commit waits for the disk); the table shows the median round,
 * in microseconds per write, and the ratio to the checkpoint alone.
 */
final class StepWriteBenchmark {
  private static final int ROUNDS = 11;
  private static final int PER_ROUND = 2_000;
  private static final String OWNER = "bench";

  private int written;

  private StepWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    StringBuilder table = new StringBuilder("| database | checkpoint alone | checkpoint + attempt"
        + " | ÷ alone | failed attempt alone | ÷ alone |\n"
        + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
    try (HikariDataSource h2 = DurableDatabase.h2(Files.createTempDirectory("step-writes"))) {
      table.append(new StepWriteBenchmark().row("H2 (file)", h2));
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        HikariDataSource database = DurableDatabase.postgres(
            postgres.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
      table.append(new StepWriteBenchmark().row("PostgreSQL", database));
    }
    System.out.print(table);
  }

  private String row(String name, HikariDataSource database) throws SQLException {
    Migrations.migrate(database);
    CheckpointTable checkpoints = new CheckpointTable(database);
    Claim claim = claimedRun(database);
    double[] alone = new double[ROUNDS];
    double[] withAttempt = new double[ROUNDS];
    double[] failed = new double[ROUNDS];
    for (int warmUp = 0; warmUp < 3; warmUp++) {
      round(checkpoints, claim, Kind.ALONE);
      round(checkpoints, claim, Kind.WITH_ATTEMPT);
      round(checkpoints, claim, Kind.FAILED);
    }
    for (int round = 0; round < ROUNDS; round++) {
      alone[round] = round(checkpoints, claim, Kind.ALONE);
      withAttempt[round] = round(checkpoints, claim, Kind.WITH_ATTEMPT);
      failed[round] = round(checkpoints, claim, Kind.FAILED);
    }
    double base = median(alone);
    return String.format(Locale.ROOT, "| %s | %.1f µs | %.1f µs | %.2f | %.1f µs | %.2f |%n",
        name, base, median(withAttempt), median(withAttempt) / base, median(failed),
        median(failed) / base);
  }

  private enum Kind { ALONE, WITH_ATTEMPT, FAILED }

  /** Microseconds per write over one round of {@link #PER_ROUND} writes of {@code kind}. */
  private double round(CheckpointTable checkpoints, Claim claim, Kind kind) throws SQLException {
    long start = System.nanoTime();
    for (int i = 0; i < PER_ROUND; i++) {
      String step = "step-" + written++;
      Checkpoint checkpoint = new Checkpoint(step, "{\"customer\":\"Sam\",\"order\":\"A-582004\"}",
          Usage.ofCall("model", 120, 0, 30, 270, Duration.ofMillis(800)), Instant.now(),
          Instant.now(), 1, "0123456789abcdef");
      boolean stored = switch (kind) {
        case ALONE -> checkpoints.write(claim, OWNER, checkpoint);
        case WITH_ATTEMPT -> checkpoints.write(claim, OWNER, checkpoint,
            attempt(step, AttemptOutcome.SUCCEEDED, null));
        case FAILED -> checkpoints.write(claim, OWNER,
            attempt(step, AttemptOutcome.FAILED, "java.lang.IllegalStateException: rejected"));
      };
      if (!stored) {
        throw new IllegalStateException("The benchmark's run is no longer claimed");
      }
    }
    return (System.nanoTime() - start) / 1_000.0 / PER_ROUND;
  }

  private static StoredAttempt attempt(String step, AttemptOutcome outcome,
      @Nullable String error) {
    Instant now = Instant.now();
    return new StoredAttempt(step, 1, OWNER, 1, outcome, now, now, Duration.ZERO, error,
        error == null ? null : error + "\n\tat com.acme.Drafts.draft(Drafts.java:42)\n",
        Usage.ofCall("model", 120, 0, 30, 270, Duration.ofMillis(800)),
        List.of(new StoredModelCall("model", now, Duration.ofMillis(800), 120, 0, 30, 270, null)));
  }

  private static Claim claimedRun(HikariDataSource database) throws SQLException {
    String id = UUID.randomUUID().toString();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO braid_runs (id, pipeline, status, priority, not_before,"
          + " inputs, lease_owner, attempts, cancel_requested, created_at) VALUES ('" + id
          + "', 'Bench', 'RUNNING', 0, CURRENT_TIMESTAMP, '[]', '" + OWNER
          + "', 1, FALSE, CURRENT_TIMESTAMP)");
    }
    return new Claim(id, "Bench", "[]", 1, false, 0, null, null, 0, null);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
