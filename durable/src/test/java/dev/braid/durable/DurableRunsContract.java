package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import dev.braid.durable.internal.CheckpointTable;
import dev.braid.durable.internal.Checkpoint;
import dev.braid.durable.internal.Claim;
import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.RunExecution;
import dev.braid.durable.internal.RunTable;
import dev.braid.runtime.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The behaviour of durable runs, run against each supported database by a subclass. */
abstract class DurableRunsContract {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final CountingPipeline counting = new CountingPipeline();
  @RegisterExtension
  final DurableFixture fixture = new DurableFixture(this::newDatabase, counting.release);
  private DurableRuns runs;

  /** A fresh, empty database for one test. */
  abstract HikariDataSource newDatabase() throws Exception;

  @BeforeEach
  void setUp() {
    runs = fixture.runs();
  }

  private Worker worker(String id, int maxConcurrentRuns, Duration lease) {
    return fixture.startWorker(WorkerConfig.builder().workerId(id)
        .maxConcurrentRuns(maxConcurrentRuns).lease(lease).heartbeat(lease.dividedBy(5))
        .pollInterval(Duration.ofMillis(20)).build(), counting.registration());
  }

  @Test
  void submittedRunIsStoredAndAwaitedToItsOutput() throws Exception {
    String id = runs.submit(CountingPipeline.NAME, "ticket");
    assertThat(runs.status(id).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);

    worker("w1", 2, Duration.ofSeconds(10));
    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.<String>output(run, String.class)).isEqualTo("reply to class of ticket");
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(run.leaseOwner()).isNull();
    assertThat(runs.list(RunFilter.all().status(RunStatus.SUCCEEDED))).hasSize(1);
    assertThat(runs.list(RunFilter.all().pipeline("Other"))).isEmpty();
  }

  @Test
  void runsAreCountedByStatusAndListedPageByPage() throws Exception {
    String first = runs.submit(CountingPipeline.NAME, "first");
    Instant between = awaitClockPast(runs.status(first).orElseThrow().createdAt());
    String second = runs.submit(CountingPipeline.NAME, "second");
    String third = runs.submit("Other", "third");
    assertThat(runs.cancel(third)).isTrue();

    assertThat(runs.count(RunFilter.all())).containsExactly(RunStatus.QUEUED, 2L,
        RunStatus.RUNNING, 0L, RunStatus.SUCCEEDED, 0L, RunStatus.STOPPED_EARLY, 0L,
        RunStatus.FAILED, 0L, RunStatus.CANCELLED, 1L);
    assertThat(runs.count(RunFilter.all().pipeline(CountingPipeline.NAME)
        .status(RunStatus.CANCELLED))).containsExactly(RunStatus.CANCELLED, 0L);
    assertThat(runs.list(RunFilter.all().submittedBefore(between)).stream().map(StoredRun::id))
        .containsExactly(first);
    assertThat(runs.list(RunFilter.all().pipeline(CountingPipeline.NAME).submittedFrom(between))
        .stream().map(StoredRun::id)).containsExactly(second);
  }

  /** An instant after {@code time}, once the clock has passed it, so later submits are later. */
  private static Instant awaitClockPast(Instant time) throws InterruptedException {
    Instant after = time.plusMillis(1);
    while (!Instant.now().isAfter(after)) {
      Thread.sleep(1);
    }
    return after;
  }

  @Test
  void twoWorkersDrainTwoHundredRunsEachExactlyOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(runs.submit(SubmitOptions.defaults().priority(i % 3), CountingPipeline.NAME,
          "run-" + i));
    }
    Worker first = worker("w1", 4, Duration.ofSeconds(10));
    Worker second = worker("w2", 4, Duration.ofSeconds(10));

    for (String id : ids) {
      StoredRun run = runs.await(id, WAIT);
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(run.attempts()).isEqualTo(1);
    }
    for (int i = 0; i < 200; i++) {
      for (int step = 0; step < 3; step++) {
        assertThat(counting.ran("run-" + i, step)).isEqualTo(1);
      }
    }
    assertThat(counting.mostInFlight.get()).isAtMost(8);
    // A run's outcome is committed just before its worker lets go of it.
    WorkerPolls.await("both workers letting go of their last runs",
        () -> first.runsInFlight() == 0 && second.runsInFlight() == 0);
    assertThat(runs.list(RunFilter.all().status(RunStatus.SUCCEEDED).limit(500))).hasSize(200);
  }

  @Test
  void dueRunsAreClaimedHighestPriorityFirst() throws Exception {
    String low = runs.submit(CountingPipeline.NAME, "low");
    String high = runs.submit(SubmitOptions.defaults().priority(5), CountingPipeline.NAME, "high");
    String later = runs.submit(SubmitOptions.defaults().priority(9)
        .notBefore(Instant.now().plus(Duration.ofHours(1))), CountingPipeline.NAME, "later");

    worker("w1", 1, Duration.ofSeconds(10));
    runs.await(low, WAIT);
    runs.await(high, WAIT);

    assertThat(counting.started).containsExactly("high", "low").inOrder();
    assertThat(runs.status(later).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void writesOfAWorkerWhoseRunWasTakenOverAreFenced() throws Exception {
    HikariDataSource dataSource = fixture.dataSource();
    RunTable table = new RunTable(dataSource, Migrations.migrate(dataSource));
    CheckpointTable checkpoints = new CheckpointTable(dataSource);
    String id = runs.submit(CountingPipeline.NAME, "fenced");
    Instant now = Instant.now();
    Claim first = table.claim("a", List.of(CountingPipeline.NAME), 1, now, now.plusMillis(1))
        .getFirst();
    Instant expired = now.plusSeconds(1);
    Claim second = table.claim("b", List.of(CountingPipeline.NAME), 1, expired,
        expired.plusSeconds(30)).getFirst();

    assertThat(second.attempt()).isEqualTo(2);
    assertThat(table.renew(first, "a", expired.plusSeconds(30))).isFalse();
    assertThat(checkpoints.write(first, "a",
        new Checkpoint("extract", "{}", Usage.NONE, null, expired, 1, null))).isFalse();
    assertThat(table.finish(first, "a", new RunExecution.Outcome(RunStatus.SUCCEEDED, "\"late\"",
        null, false, null, null, null), expired)).isFalse();
    assertThat(checkpoints.read(id)).isEmpty();
    assertThat(table.finish(second, "b", new RunExecution.Outcome(RunStatus.SUCCEEDED, "\"won\"",
        null, false, null, null, null), expired)).isTrue();
    assertThat(runs.status(id).orElseThrow().resultJson()).isEqualTo("\"won\"");
  }

  @Test
  void fullWorkerClaimsNothingMore() throws Exception {
    Worker full = worker("w1", 1, Duration.ofSeconds(10));
    String blocked = runs.submit(CountingPipeline.NAME, "block-full");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String waiting = runs.submit(CountingPipeline.NAME, "waiting");

    WorkerPolls.awaitWholePoll(full);
    assertThat(runs.status(waiting).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);

    counting.release.countDown();
    assertThat(runs.await(blocked, WAIT).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.await(waiting, WAIT).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void runOfDeadWorkerIsTakenOverWithoutRunningCheckpointedStepsAgain() throws Exception {
    Worker dying = worker("dying", 2, Duration.ofSeconds(1));
    String id = runs.submit(CountingPipeline.NAME, "block-takeover");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    dying.halt();

    // The survivor's own lease is long: what is tested is the takeover of the dead worker's short
    // one, not whether a live worker on a loaded machine keeps a one-second lease.
    worker("survivor", 2, Duration.ofSeconds(10));
    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.<String>output(run, String.class))
        .isEqualTo("reply to class of block-takeover");
    assertThat(run.attempts()).isEqualTo(2);
    assertThat(counting.ran("block-takeover", 0)).isEqualTo(1);
    assertThat(counting.ran("block-takeover", 1)).isEqualTo(1);
    assertThat(counting.ran("block-takeover", 2)).isEqualTo(2);
  }

  @Test
  void closedWorkerRequeuesItsRunsWithTheirCheckpoints() throws Exception {
    Worker closing = worker("closing", 2, Duration.ofSeconds(10));
    String id = runs.submit(CountingPipeline.NAME, "block-close");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    closing.close();
    StoredRun requeued = runs.status(id).orElseThrow();
    assertThat(requeued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(requeued.leaseOwner()).isNull();

    worker("next", 2, Duration.ofSeconds(10));
    StoredRun run = runs.await(id, WAIT);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.attempts()).isEqualTo(2);
    assertThat(counting.ran("block-close", 0)).isEqualTo(1);
    assertThat(counting.ran("block-close", 1)).isEqualTo(1);
    assertThat(counting.ran("block-close", 2)).isEqualTo(2);
  }

  @Test
  void failedStepFailsTheRunWithThePipelineStepAndCause() throws Exception {
    worker("w1", 2, Duration.ofSeconds(10));
    String id = runs.submit(CountingPipeline.NAME, "fail-1");

    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).contains("'classify'");
    assertThat(run.error()).contains("'Counting'");
    assertThat(run.error()).endsWith("IllegalStateException: no class for fail-1");
    assertThat(run.errorTrace()).contains("Caused by: java.lang.IllegalStateException: no class"
        + " for fail-1\n\tat dev.braid.durable.CountingPipeline");
    IllegalStateException noOutput =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> runs.output(run, String.class));
    assertThat(noOutput).hasMessageThat().startsWith("Durable run " + id
        + " of pipeline 'Counting' has no output: it is FAILED (");
  }

  @Test
  void failedRunKeepsEveryAttemptWithItsErrorTraceAndModelUsage() throws Exception {
    fixture.startWorker(WorkerConfig.builder().workerId("w1").pollInterval(Duration.ofMillis(20))
        .build(), new RetryingPipeline().registration());
    String id = runs.submit(RetryingPipeline.NAME, "broken draft");

    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    JsonNode timeline = JSON.readTree(run.timelineJson());
    JsonNode draft = timeline.get("steps").get(0);
    assertThat(draft.get("name").asString()).isEqualTo("draft");
    assertThat(draft.get("status").asString()).isEqualTo("FAILED");
    JsonNode attempts = draft.get("attempts");
    assertThat(attempts.size()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      JsonNode attempt = attempts.get(i);
      assertThat(attempt.get("number").asInt()).isEqualTo(i + 1);
      assertThat(attempt.get("outcome").asString()).isEqualTo("FAILED");
      assertThat(attempt.get("error").asString()).isEqualTo("java.lang.IllegalStateException:"
          + " draft " + (i + 1) + " of broken draft was rejected");
      assertThat(attempt.get("errorTrace").asString())
          .contains("\tat dev.braid.durable.RetryingPipeline");
      JsonNode model = attempt.get("usage").get("byModel").get(RetryingPipeline.MODEL);
      assertThat(model.get("calls").asLong()).isEqualTo(1);
      assertThat(model.get("inputTokens").asLong()).isEqualTo(100);
      assertThat(model.get("outputTokens").asLong()).isEqualTo(20);
      assertThat(model.get("costMicrocents").asLong()).isEqualTo(200);
      assertThat(Instant.parse(attempt.get("startedAt").asString()))
          .isAtMost(Instant.parse(attempt.get("finishedAt").asString()));
    }
    assertThat(draft.get("usage").get("calls").asLong()).isEqualTo(2);
    JsonNode send = timeline.get("steps").get(1);
    assertThat(send.get("status").asString()).isEqualTo("NOT_STARTED");
    assertThat(send.get("attempts").size()).isEqualTo(0);
    assertThat(timeline.get("usage").get("costMicrocents").asLong()).isEqualTo(400);
  }

  @Test
  void succeededRunKeepsTheRetriesBeforeItsSuccess() throws Exception {
    fixture.startWorker(WorkerConfig.builder().workerId("w1").pollInterval(Duration.ofMillis(20))
        .build(), new RetryingPipeline().registration());
    String id = runs.submit(RetryingPipeline.NAME, "flaky draft");

    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode draft = JSON.readTree(run.timelineJson()).get("steps").get(0);
    assertThat(draft.get("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode attempts = draft.get("attempts");
    assertThat(attempts.size()).isEqualTo(2);
    assertThat(attempts.get(0).get("outcome").asString()).isEqualTo("FAILED");
    assertThat(attempts.get(1).get("outcome").asString()).isEqualTo("SUCCEEDED");
    assertThat(attempts.get(1).has("error")).isFalse();
    assertThat(draft.get("usage").get("byModel").get(RetryingPipeline.MODEL).get("calls")
        .asLong()).isEqualTo(2);
  }

  @Test
  void runKeepsNoTimelineBeforeItEnds() throws Exception {
    String id = runs.submit(CountingPipeline.NAME, "queued");

    assertThat(runs.status(id).orElseThrow().timelineJson()).isNull();
  }

  @Test
  void cancelStopsQueuedAndRunningRuns() throws Exception {
    String queued = runs.submit(CountingPipeline.NAME, "never");
    assertThat(runs.cancel(queued)).isTrue();
    assertThat(runs.status(queued).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);

    worker("w1", 2, Duration.ofSeconds(1));
    String running = runs.submit(CountingPipeline.NAME, "block-cancel");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(runs.cancel(running)).isTrue();

    StoredRun run = runs.await(running, WAIT);
    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    JsonNode reply = JSON.readTree(run.timelineJson()).get("steps").get(2);
    assertThat(reply.get("name").asString()).isEqualTo("reply");
    assertThat(reply.get("attempts").get(0).get("outcome").asString()).isEqualTo("CANCELLED");
    assertThat(runs.status(queued).orElseThrow().timelineJson()).isNull();
    assertThat(runs.cancel(running)).isFalse();
    assertThat(counting.ran("never", 0)).isEqualTo(0);
  }

  @Test
  void corruptCheckpointFailsTheRunWithAClearError() throws Exception {
    String id = runs.submit(CountingPipeline.NAME, "corrupt");
    try (Connection connection = fixture.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO braid_step_checkpoints (run_id, step, output,"
          + " input_tokens, cached_input_tokens, output_tokens, calls, cost_microcents,"
          + " finished_at) VALUES ('" + id + "', 'extract', '{\"length\": \"not a number\"',"
          + " 0, 0, 0, 0, 0, CURRENT_TIMESTAMP)");
    }
    worker("w1", 2, Duration.ofSeconds(10));

    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).startsWith("The checkpoint of step 'extract' of durable run " + id
        + " (pipeline 'Counting') cannot be read as dev.braid.durable.CountingPipeline$Entities: ");
    assertThat(run.error()).endsWith("; delete that row of braid_step_checkpoints to run the"
        + " step again, or cancel the run");
    assertThat(counting.ran("corrupt", 0)).isEqualTo(0);
  }
}
