package dev.braid.console;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.console.ConsoleFixture.post;

import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Answering and cancelling through the console's API, and what keeps them safe. */
class ActionsApiTest {
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
  void anAnswerResumesTheRunWhichCompletesKeepingRedactedFields() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("ann", "");
    fixture.awaitEnd(id);

    ConsoleResponse answered = post(console, "/api/runs/" + id + "/answer", """
        {"inputs": {"request": {"customer": "ann", "email": "[redacted]", "order": "A-17"}}}""");

    assertThat(answered.status()).isEqualTo(202);
    StoredRun run = fixture.awaitEnd(id);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.resultJson()).isEqualTo("\"order A-17 for ann\"");
    assertThat(run.inputsJson()).contains("\"email\":\"ann@example.com\"");
  }

  @Test
  void anAnswerThatDoesNotReadAsTheInputTypeChangesNothing() throws Exception {
    fixture.startWorker();
    String id = fixture.submit("ann", "");
    StoredRun before = fixture.awaitEnd(id);

    ConsoleResponse misspelt = post(console, "/api/runs/" + id + "/answer", """
        {"inputs": {"request": {"customer": "ann", "email": "x", "ordr": "A-17"}}}""");
    ConsoleResponse unknown = post(console, "/api/runs/" + id + "/answer", """
        {"inputs": {"request": {}, "ticket": {}}}""");
    ConsoleResponse notJson = post(console, "/api/runs/" + id + "/answer", "{inputs:");

    assertThat(misspelt.status()).isEqualTo(400);
    assertThat(ConsoleFixture.json(misspelt).get("error").asString()).startsWith(
        "Input 'request' of pipeline 'OrderPipeline' does not read as "
            + OrderPipeline.Request.class.getTypeName() + ": Unrecognized property \"ordr\"");
    assertThat(ConsoleFixture.json(misspelt).get("error").asString())
        .endsWith("Nothing was changed.");
    assertThat(ConsoleFixture.json(unknown).get("error").asString()).isEqualTo("Pipeline"
        + " 'OrderPipeline' has no input named [ticket]; its inputs are [request]. Nothing was"
        + " changed.");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(fixture.runs.status(id).orElseThrow()).isEqualTo(before);
  }

  @Test
  void aConsoleWithoutThePipelineAnswersByTheStoredInputTypesAndTheRunCompletes()
      throws Exception {
    BraidConsole standalone = BraidConsole.builder(fixture.runs).actions(true)
        .token(ConsoleFixture.TOKEN).redact("email").build();
    fixture.startWorker();
    String id = fixture.submit("ann", "");
    fixture.awaitEnd(id);

    JsonNode shown = ConsoleFixture.get(standalone, "/api/runs/" + id, Map.of());
    ConsoleResponse answered = post(standalone, "/api/runs/" + id + "/answer", """
        {"inputs": {"input1": {"customer": "ann", "email": "[redacted]", "order": "A-17"}}}""");

    assertThat(shown.get("answerable").asBoolean()).isTrue();
    assertThat(shown.get("inputTypes").get("input1").asString())
        .isEqualTo(OrderPipeline.Request.class.getTypeName());
    assertThat(answered.status()).isEqualTo(202);
    StoredRun run = fixture.awaitEnd(id);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.resultJson()).isEqualTo("\"order A-17 for ann\"");
    assertThat(run.inputsJson()).contains("\"email\":\"ann@example.com\"");
  }

  @Test
  void aConsoleWithoutThePipelineRefusesAWrongShapeOrAnUnknownInputChangingNothing()
      throws Exception {
    BraidConsole standalone = BraidConsole.builder(fixture.runs).actions(true)
        .token(ConsoleFixture.TOKEN).build();
    fixture.startWorker();
    String id = fixture.submit("ann", "");
    StoredRun before = fixture.awaitEnd(id);

    ConsoleResponse wrongShape = post(standalone, "/api/runs/" + id + "/answer",
        "{\"inputs\": {\"input1\": \"A-17\"}}");
    ConsoleResponse unknown = post(standalone, "/api/runs/" + id + "/answer",
        "{\"inputs\": {\"input1\": {}, \"request\": {}}}");

    assertThat(wrongShape.status()).isEqualTo(400);
    assertThat(ConsoleFixture.json(wrongShape).get("error").asString()).isEqualTo("Input"
        + " 'input1' of pipeline 'OrderPipeline' is \"A-17\", not a JSON object or array, so it"
        + " cannot be a " + OrderPipeline.Request.class.getTypeName() + ". Nothing was changed.");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(ConsoleFixture.json(unknown).get("error").asString()).isEqualTo("Pipeline"
        + " 'OrderPipeline' has no input named [request]; its inputs are [input1]. Nothing was"
        + " changed.");
    assertThat(fixture.runs.status(id).orElseThrow()).isEqualTo(before);
  }

  @Test
  void anAnswerOfTheRightShapeThatTheWorkerCannotReadFailsTheRun() throws Exception {
    BraidConsole standalone = BraidConsole.builder(fixture.runs).actions(true)
        .token(ConsoleFixture.TOKEN).build();
    fixture.startWorker();
    String id = fixture.submit("ann", "");
    fixture.awaitEnd(id);

    ConsoleResponse answered = post(standalone, "/api/runs/" + id + "/answer", """
        {"inputs": {"input1": {"customer": {"name": "ann"}, "email": "a", "order": "A-17"}}}""");

    assertThat(answered.status()).isEqualTo(202);
    StoredRun run = fixture.awaitEnd(id);
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).contains("The inputs of durable run " + id
        + " of pipeline 'OrderPipeline' cannot be read as ["
        + OrderPipeline.Request.class.getTypeName() + "]");
  }

  @Test
  void storedTypeNamesCheckTheJsonShapeOfSimpleTypes() {
    assertThat(StoredInputTypes.parse("[java.lang.String, java.util.Map<java.lang.String,"
        + " java.lang.Integer>, int]").orElseThrow().names()).containsExactly("java.lang.String",
        "java.util.Map<java.lang.String, java.lang.Integer>", "int").inOrder();
    assertThat(StoredInputTypes.parse(null)).isEmpty();
    JsonNode values = Json.MAPPER.readTree("[\"a\", 3, 3000000000, 1.5, true, null, {}]");
    assertThat(StoredInputTypes.misfit("java.lang.String", values.get(0))).isEmpty();
    assertThat(StoredInputTypes.misfit("java.lang.String", values.get(1)))
        .hasValue("is 3, not a JSON string");
    assertThat(StoredInputTypes.misfit("int", values.get(1))).isEmpty();
    assertThat(StoredInputTypes.misfit("java.lang.Integer", values.get(2)))
        .hasValue("is 3000000000, outside -2147483648 to 2147483647");
    assertThat(StoredInputTypes.misfit("long", values.get(3)))
        .hasValue("is 1.5, not a whole JSON number");
    assertThat(StoredInputTypes.misfit("double", values.get(3))).isEmpty();
    assertThat(StoredInputTypes.misfit("boolean", values.get(4))).isEmpty();
    assertThat(StoredInputTypes.misfit("int", values.get(5)))
        .hasValue("is null, which a int cannot be");
    assertThat(StoredInputTypes.misfit("java.lang.Integer", values.get(5))).isEmpty();
    assertThat(StoredInputTypes.misfit("com.acme.Ticket", values.get(6))).isEmpty();
  }

  @Test
  void aRunThatIsNotWaitingCannotBeAnswered() throws Exception {
    String id = fixture.submit("ann", "A-1");

    ConsoleResponse response = post(console, "/api/runs/" + id + "/answer",
        "{\"inputs\": {\"request\": {}}}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(ConsoleFixture.json(response).get("error").asString()).isEqualTo("Run " + id
        + " of pipeline 'OrderPipeline' is QUEUED, not waiting for an answer; nothing was"
        + " changed. Only a run that stopped early to ask a question can be answered.");
    assertThat(fixture.status(id)).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void aQueuedRunIsCancelledOnceAndThenSaysItHasEnded() {
    String id = fixture.submit("ann", "A-1");

    ConsoleResponse cancelled = post(console, "/api/runs/" + id + "/cancel", "");
    ConsoleResponse again = post(console, "/api/runs/" + id + "/cancel", "");

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(fixture.status(id)).isEqualTo(RunStatus.CANCELLED);
    assertThat(again.status()).isEqualTo(409);
    assertThat(ConsoleFixture.json(again).get("error").asString()).isEqualTo("Run " + id
        + " of pipeline 'OrderPipeline' is CANCELLED: it has ended, so there is nothing to"
        + " cancel.");
  }

  @Test
  void actionsAreRefusedWithoutTokensOrFromAnotherOriginAndChangeNothing() {
    String id = fixture.submit("ann", "A-1");
    String path = "/api/runs/" + id + "/cancel";
    String csrf = ConsoleFixture.get(console, "/api/session", Map.of()).get("csrf").asString();
    BraidConsole readOnly = BraidConsole.builder(fixture.runs)
        .pipelines(List.of(fixture.orders.definition())).build();
    Map<String, String> foreign = new java.util.HashMap<>(
        ConsoleFixture.headers(csrf, ConsoleFixture.TOKEN));
    foreign.put("origin", "https://evil.example");

    ConsoleResponse noCsrf = console.handle(new ConsoleRequest("POST", path, Map.of(),
        ConsoleFixture.headers(null, ConsoleFixture.TOKEN), "", false));
    ConsoleResponse noToken = console.handle(new ConsoleRequest("POST", path, Map.of(),
        ConsoleFixture.headers(csrf, "wrong-token-wrong-token"), "", false));
    ConsoleResponse signedIn = readOnly.handle(new ConsoleRequest("POST", path, Map.of(),
        ConsoleFixture.headers(csrf, null), "", true));
    ConsoleResponse otherSite = console.handle(new ConsoleRequest("POST", path, Map.of(),
        foreign, "", false));

    assertThat(noCsrf.status()).isEqualTo(403);
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(ConsoleFixture.json(noToken).get("error").asString()).contains("token");
    assertThat(signedIn.status()).isEqualTo(403);
    assertThat(ConsoleFixture.json(signedIn).get("error").asString())
        .startsWith("This console is read-only");
    assertThat(otherSite.status()).isEqualTo(403);
    assertThat(fixture.status(id)).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void theHostApplicationsSignInIsEnoughWithoutAToken() {
    String id = fixture.submit("ann", "A-1");
    String csrf = ConsoleFixture.get(console, "/api/session", Map.of()).get("csrf").asString();

    ConsoleResponse response = console.handle(new ConsoleRequest("POST",
        "/api/runs/" + id + "/cancel", Map.of(), ConsoleFixture.headers(csrf, null), "", true));

    assertThat(response.status()).isEqualTo(200);
    assertThat(fixture.status(id)).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void aShortTokenIsRefusedWithAdvice() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> BraidConsole.builder(fixture.runs).token("abc"));

    assertThat(e).hasMessageThat().isEqualTo("The console's token must be at least 16"
        + " characters, was 3; generate one, e.g. with `openssl rand -hex 16`");
  }
}
