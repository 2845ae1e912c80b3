package dev.braid.console;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.console.ConsoleFixture.get;

import dev.braid.durable.RunStatus;
import java.nio.file.Path;
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
  void aWaitingRunShowsItsQuestionStepsAndRedactedInputs() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("ann", "");
    fixture.awaitEnd(id);

    JsonNode run = get(console, "/api/runs/" + id, Map.of());

    assertThat(run.get("status").asString()).isEqualTo(RunStatus.STOPPED_EARLY.name());
    assertThat(run.get("question").asString()).isEqualTo("Which order is it about?");
    assertThat(run.get("inputs").get("request").get("email").asString()).isEqualTo("[redacted]");
    assertThat(run.get("inputs").get("request").get("customer").asString()).isEqualTo("ann");
    assertThat(run.get("inputTypes").get("request").asString())
        .isEqualTo(OrderPipeline.Request.class.getTypeName());
    JsonNode lookup = step(run, "lookup");
    assertThat(lookup.get("state").asString()).isEqualTo("succeeded");
    assertThat(lookup.get("attempts").asInt()).isEqualTo(1);
    assertThat(lookup.get("output").get("customer").asString()).isEqualTo("ann");
    JsonNode confirm = step(run, "confirm");
    assertThat(confirm.get("state").asString()).isEqualTo("waiting");
    assertThat(confirm.get("level").asInt()).isEqualTo(1);
    assertThat(confirm.get("inputs").get("lookup").get("customer").asString()).isEqualTo("ann");
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
