package dev.braid.console;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.console.ConsoleFixture.get;

import dev.braid.durable.RunStatus;
import dev.braid.runtime.Microcents;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The read side of the console's API over real runs in H2. */
class RunsApiTest {
  @TempDir Path directory;
  private ConsoleFixture fixture;
  private BraidConsole console;

  @BeforeEach
  void setUp() {
    fixture = new ConsoleFixture(directory);
    console = fixture.console();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void listsRunsNewestFirstPageByPageWithCountsPerStatus() throws Exception {
    String first = fixture.submit("ann", "A-1");
    Thread.sleep(2);
    String second = fixture.submit("bob", "A-2");
    Thread.sleep(2);
    String third = fixture.submit("cid", "A-3");
    fixture.runs.cancel(first);

    JsonNode page = get(console, "/api/runs", Map.of("limit", "2"));

    assertThat(ids(page)).containsExactly(third, second).inOrder();
    assertThat(page.get("counts").get("QUEUED").asLong()).isEqualTo(2);
    assertThat(page.get("counts").get("CANCELLED").asLong()).isEqualTo(1);
    assertThat(page.get("pipelines").get(0).asString()).isEqualTo("OrderPipeline");
    JsonNode next = get(console, "/api/runs",
        Map.of("limit", "2", "before", page.get("next").asString()));
    assertThat(ids(next)).containsExactly(first);
    assertThat(next.get("next").isNull()).isTrue();
    assertThat(ids(get(console, "/api/runs", Map.of("status", "cancelled,FAILED"))))
        .containsExactly(first);
    assertThat(ids(get(console, "/api/runs", Map.of("pipeline", "Other")))).isEmpty();
  }

  @Test
  void badFiltersGetAMessageNamingTheValue() {
    ConsoleResponse status = console.handle(
        ConsoleRequest.get("/api/runs", Map.of("status", "DONE")));
    ConsoleResponse from = console.handle(
        ConsoleRequest.get("/api/runs", Map.of("from", "yesterday")));
    ConsoleResponse limit = console.handle(
        ConsoleRequest.get("/api/runs", Map.of("limit", "1000")));

    assertThat(status.status()).isEqualTo(400);
    assertThat(ConsoleFixture.json(status).get("error").asString()).isEqualTo("Status 'DONE' is"
        + " not one of QUEUED, RUNNING, SUCCEEDED, STOPPED_EARLY, FAILED, CANCELLED.");
    assertThat(ConsoleFixture.json(from).get("error").asString()).isEqualTo("'from' must be an"
        + " instant such as 2026-01-31T09:00:00Z; it was 'yesterday'.");
    assertThat(ConsoleFixture.json(limit).get("error").asString())
        .isEqualTo("A page holds 1 to 200 runs; limit was '1000'.");
  }

  @Test
  void aFailedRunShowsItsErrorOnTheStepThatThrew() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("boom", "A-1");
    fixture.awaitEnd(id);

    JsonNode run = get(console, "/api/runs/" + id, Map.of());

    assertThat(run.get("status").asString()).isEqualTo("FAILED");
    assertThat(run.get("error").asString()).contains("the order service is down");
    assertThat(run.get("errorTrace").asString()).contains("java.lang.IllegalStateException: the"
        + " order service is down\n\tat dev.braid.console.OrderPipeline.lookup");
    assertThat(step(run, "lookup").get("state").asString()).isEqualTo("failed");
    assertThat(step(run, "confirm").get("state").asString()).isEqualTo("pending");
    assertThat(run.get("mermaid").asString()).contains("s0[\"lookup\"]:::failed");
    assertThat(run.get("mermaid").asString()).contains("s0 --> s1");
  }

  @Test
  void aFailedStepListsEachAttemptWithItsErrorAndStackTrace() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("boom", "A-1");
    fixture.awaitEnd(id);

    JsonNode lookup = step(get(console, "/api/runs/" + id, Map.of()), "lookup");

    assertThat(lookup.get("attempts").asInt()).isEqualTo(2);
    JsonNode tries = lookup.get("tries");
    assertThat(tries.size()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      JsonNode attempt = tries.get(i);
      assertThat(attempt.get("number").asInt()).isEqualTo(i + 1);
      assertThat(attempt.get("outcome").asString()).isEqualTo("FAILED");
      assertThat(attempt.get("error").asString())
          .isEqualTo("java.lang.IllegalStateException: the order service is down");
      assertThat(attempt.get("errorTrace").asString())
          .contains("\tat dev.braid.console.OrderPipeline.lookup");
    }
    assertThat(lookup.get("startedAt").asString()).isEqualTo(tries.get(0).get("startedAt")
        .asString());
    assertThat(Instant.parse(lookup.get("finishedAt").asString()))
        .isAtLeast(Instant.parse(tries.get(1).get("finishedAt").asString()));
  }

  @Test
  void aRunStoredBeforeAttemptsWereShowsItsTimelinesModelCallsByModel() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("boom", "A-1");
    fixture.awaitEnd(id);
    update("DELETE FROM braid_step_attempts WHERE run_id = ?", id);
    String usage = "{\"inputTokens\":1200,\"cachedInputTokens\":200,\"outputTokens\":300,"
        + "\"calls\":2,\"costMicrocents\":2500000,\"latencyMs\":900,\"byModel\":{"
        + "\"gpt-small\":{\"inputTokens\":1200,\"cachedInputTokens\":200,\"outputTokens\":300,"
        + "\"calls\":2,\"costMicrocents\":2500000,\"latencyMs\":900}}}";
    try (Connection connection = fixture.database.getConnection();
        PreparedStatement update = connection.prepareStatement(
            "UPDATE braid_runs SET timeline = ? WHERE id = ?")) {
      update.setString(1, "{\"steps\":[{\"name\":\"lookup\",\"status\":\"FAILED\","
          + "\"startedAt\":\"2026-01-01T09:00:00Z\",\"finishedAt\":\"2026-01-01T09:00:03Z\","
          + "\"usage\":" + usage + ",\"attempts\":[{\"number\":1,\"outcome\":\"TIMED_OUT\","
          + "\"startedAt\":\"2026-01-01T09:00:00Z\",\"finishedAt\":\"2026-01-01T09:00:03Z\","
          + "\"waitedMs\":0,\"error\":\"timed out\",\"usage\":" + usage + "}]},"
          + "{\"name\":\"confirm\",\"status\":\"CANCELLED\",\"attempts\":[]}]}");
      update.setString(2, id);
      update.executeUpdate();
    }

    JsonNode run = get(console, "/api/runs/" + id, Map.of());

    JsonNode lookup = step(run, "lookup");
    JsonNode model = lookup.get("tries").get(0).get("usage").get("models").get(0);
    assertThat(model.get("model").asString()).isEqualTo("gpt-small");
    assertThat(model.get("calls").asLong()).isEqualTo(2);
    assertThat(model.get("inputTokens").asLong()).isEqualTo(1200);
    assertThat(model.get("cachedInputTokens").asLong()).isEqualTo(200);
    assertThat(model.get("outputTokens").asLong()).isEqualTo(300);
    assertThat(model.get("cost").asString()).isEqualTo(Microcents.format(2_500_000));
    assertThat(model.get("latencyMs").asLong()).isEqualTo(900);
    assertThat(lookup.get("durationMs").asLong()).isEqualTo(3000);
    assertThat(lookup.get("usage").get("models").get(0).get("model").asString())
        .isEqualTo("gpt-small");
    assertThat(lookup.get("tries").get(0).get("outcome").asString()).isEqualTo("TIMED_OUT");
    assertThat(step(run, "confirm").get("state").asString()).isEqualTo("cancelled");
    assertThat(run.get("usage").get("outputTokens").asLong()).isEqualTo(300);
    assertThat(run.get("usage").get("cost").asString()).isEqualTo(Microcents.format(2_500_000));
  }

  @Test
  void aWaitingRunShowsItsQuestionStepsAndRedactedInputs() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("ann", "");
    fixture.awaitEnd(id);

    JsonNode run = get(console, "/api/runs/" + id, Map.of());

    assertThat(run.get("status").asString()).isEqualTo(RunStatus.STOPPED_EARLY.name());
    assertThat(run.get("question").asString()).isEqualTo("Which order is it about?");
    assertThat(run.get("details").get("customer").asString()).isEqualTo("ann");
    assertThat(run.get("details").get("recent").get(1).asString()).isEqualTo("A-9");
    assertThat(run.get("inputs").get("request").get("email").asString()).isEqualTo("[redacted]");
    assertThat(run.get("inputs").get("request").get("customer").asString()).isEqualTo("ann");
    assertThat(run.get("inputTypes").get("request").asString())
        .isEqualTo(OrderPipeline.Request.class.getTypeName());
    JsonNode lookup = step(run, "lookup");
    assertThat(lookup.get("state").asString()).isEqualTo("succeeded");
    assertThat(lookup.get("attempts").asInt()).isEqualTo(1);
    assertThat(lookup.get("tries").get(0).get("outcome").asString()).isEqualTo("SUCCEEDED");
    assertThat(lookup.get("tries").get(0).has("error")).isTrue();
    assertThat(lookup.get("tries").get(0).get("error").isNull()).isTrue();
    assertThat(lookup.get("output").get("customer").asString()).isEqualTo("ann");
    JsonNode confirm = step(run, "confirm");
    assertThat(confirm.get("state").asString()).isEqualTo("waiting");
    assertThat(confirm.get("level").asInt()).isEqualTo(1);
    assertThat(confirm.get("inputs").get("lookup").get("customer").asString()).isEqualTo("ann");
  }

  @Test
  void eachAttemptShowsItsModelCallsOneByOneWithItsClaimAndWorker() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("priced", "A-1");
    fixture.awaitEnd(id);

    JsonNode run = get(console, "/api/runs/" + id, Map.of());

    JsonNode attempt = step(run, "lookup").get("tries").get(0);
    assertThat(attempt.get("claim").asInt()).isEqualTo(1);
    assertThat(attempt.get("worker").asString()).isEqualTo("console-test");
    assertThat(attempt.get("calls").size()).isEqualTo(1);
    JsonNode call = attempt.get("calls").get(0);
    assertThat(call.get("model").asString()).isEqualTo(OrderPipeline.MODEL);
    assertThat(call.get("inputTokens").asLong()).isEqualTo(50);
    assertThat(call.get("outputTokens").asLong()).isEqualTo(10);
    assertThat(call.get("cost").asString())
        .isEqualTo(Microcents.format(ConsoleFixture.PRICE.cost(50, 0, 10)));
    assertThat(call.get("error").isNull()).isTrue();
    assertThat(Instant.parse(call.get("startedAt").asString()))
        .isAtLeast(Instant.parse(attempt.get("startedAt").asString()));
    assertThat(step(run, "lookup").get("usage").get("calls").asLong()).isEqualTo(1);
    assertThat(step(run, "confirm").get("tries").get(0).get("calls").size()).isEqualTo(0);
    assertThat(run.get("usage").get("cost").asString())
        .isEqualTo(Microcents.format(ConsoleFixture.PRICE.cost(50, 0, 10)));
  }

  @Test
  void aRunningRunShowsTheAttemptsStoredSoFar() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("boom", "A-1");
    fixture.awaitEnd(id);
    // As the run stood while its second attempt ran: running, no timeline, one attempt stored.
    update("UPDATE braid_runs SET status = 'RUNNING', timeline = NULL, error = NULL,"
        + " error_trace = NULL, finished_at = NULL WHERE id = ?", id);
    update("DELETE FROM braid_step_attempts WHERE attempt_number = 2 AND run_id = ?", id);

    JsonNode run = get(console, "/api/runs/" + id, Map.of());

    JsonNode lookup = step(run, "lookup");
    assertThat(lookup.get("state").asString()).isEqualTo("running");
    assertThat(lookup.get("tries").size()).isEqualTo(1);
    assertThat(lookup.get("tries").get(0).get("outcome").asString()).isEqualTo("FAILED");
    assertThat(lookup.get("tries").get(0).get("error").asString())
        .isEqualTo("java.lang.IllegalStateException: the order service is down");
  }

  @Test
  void aTakenOverRunShowsWhichWorkerRanEachAttempt() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("ann", "A-1");
    fixture.awaitEnd(id);
    // As a takeover leaves it: the first claim's worker stopped after lookup, a second did confirm.
    update("UPDATE braid_step_attempts SET worker = 'stopped-worker' WHERE step = 'lookup'"
        + " AND run_id = ?", id);
    update("UPDATE braid_step_attempts SET claim = 2 WHERE step = 'confirm' AND run_id = ?", id);

    JsonNode run = get(console, "/api/runs/" + id, Map.of());

    JsonNode lookup = step(run, "lookup").get("tries").get(0);
    assertThat(lookup.get("claim").asInt()).isEqualTo(1);
    assertThat(lookup.get("worker").asString()).isEqualTo("stopped-worker");
    JsonNode confirm = step(run, "confirm").get("tries").get(0);
    assertThat(confirm.get("claim").asInt()).isEqualTo(2);
    assertThat(confirm.get("worker").asString()).isEqualTo("console-test");
  }

  @Test
  void errorTextsHideTheValuesOfRedactedFields() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("leak", "A-1");
    fixture.awaitEnd(id);

    JsonNode run = get(console, "/api/runs/" + id, Map.of());
    JsonNode listed = get(console, "/api/runs", Map.of()).get("runs").get(0);

    List<String> texts = new ArrayList<>(List.of(run.get("error").asString(),
        run.get("errorTrace").asString(), listed.get("error").asString()));
    for (JsonNode attempt : step(run, "lookup").get("tries")) {
      texts.add(attempt.get("error").asString());
      texts.add(attempt.get("errorTrace").asString());
    }
    assertThat(texts).hasSize(7);
    for (String text : texts) {
      assertThat(text).doesNotContain("leak@example.com");
      assertThat(text).contains("no order for [redacted] in Request[customer=leak,"
          + " email=[redacted], order=A-1]");
    }
  }

  private void update(String sql, String id) throws Exception {
    try (Connection connection = fixture.database.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, id);
      assertThat(update.executeUpdate()).isAtLeast(1);
    }
  }

  @Test
  void anUnknownRunIsNotFoundWithAMessage() {
    ConsoleResponse response = console.handle(ConsoleRequest.get("/api/runs/nope", Map.of()));

    assertThat(response.status()).isEqualTo(404);
    assertThat(ConsoleFixture.json(response).get("error").asString())
        .isEqualTo("There is no run nope; it may have been deleted by retention.");
  }

  @Test
  void pagesAndAssetsComeFromTheJarUnderAStrictPolicy() {
    ConsoleResponse list = console.handle(ConsoleRequest.get("/", Map.of()));
    ConsoleResponse script = console.handle(ConsoleRequest.get("/assets/console.js", Map.of()));
    ConsoleResponse escape = console.handle(
        ConsoleRequest.get("/assets/../Json.class", Map.of()));

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.contentType()).startsWith("text/html");
    assertThat(list.headers().get("Content-Security-Policy")).startsWith("default-src 'self'");
    assertThat(script.status()).isEqualTo(200);
    assertThat(escape.status()).isEqualTo(404);
  }

  private static java.util.List<String> ids(JsonNode page) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    page.get("runs").forEach(run -> ids.add(run.get("id").asString()));
    return ids;
  }

  private static JsonNode step(JsonNode run, String name) {
    for (JsonNode step : run.get("steps")) {
      if (step.get("name").asString().equals(name)) {
        return step;
      }
    }
    throw new AssertionError("No step " + name + " in " + run);
  }
}
