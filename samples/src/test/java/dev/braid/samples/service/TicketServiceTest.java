package dev.braid.samples.service;

import static com.google.common.truth.Truth.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ticket service over real HTTP on 127.0.0.1: its server on a random port, and its worker in
 * the same application, storing runs in an H2 database in a temporary directory.
 */
class TicketServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Set<String> ENDED =
      Set.of("SUCCEEDED", "STOPPED_EARLY", "FAILED", "CANCELLED");
  private static final String ROUTER = """
      {"id": "T-1001", "customerEmail": "maria@example.com",
       "subject": "Router keeps dropping Wi-Fi",
       "body": "My router from order #482913 disconnects every evening. What can I do?"}""";
  private static final String REFUND_WITHOUT_ORDER = """
      {"id": "T-1002", "customerEmail": "sam@example.com", "subject": "Refund please",
       "body": "The camera I bought does not work and I want my money back."}""";

  @TempDir static Path database;

  private static EmbeddedServer server;
  private static HttpClient http;
  private static JsonMapper json;

  @BeforeAll
  static void startTheService() {
    server = ApplicationContext.run(EmbeddedServer.class, Map.of(
        "micronaut.server.host", "127.0.0.1",
        "micronaut.server.port", -1,
        "braid.durable.dir", database.toString(),
        "braid.durable.worker.poll-interval", "20ms"), Application.ENVIRONMENT);
    http = HttpClient.newHttpClient();
    json = server.getApplicationContext().getBean(JsonMapper.class);
  }

  @AfterAll
  static void stopTheService() {
    http.close();
    server.getApplicationContext().close();
  }

  @Test
  void answersATicketThatHasEverythingItNeeds() throws Exception {
    HttpResponse<String> submitted = post("/tickets", ROUTER);

    assertThat(submitted.statusCode()).isEqualTo(202);
    Map<String, Object> accepted = read(submitted);
    String id = (String) accepted.get("id");
    assertThat(accepted.get("status")).isEqualTo("QUEUED");
    assertThat(submitted.headers().firstValue("Location")).hasValue("/runs/" + id);
    Map<String, Object> justSubmitted = read(get("/runs/" + id));
    assertThat(justSubmitted.get("status")).isIn(List.of("QUEUED", "RUNNING", "SUCCEEDED"));
    assertThat(justSubmitted).containsKey("steps");

    Map<String, Object> run = awaitEnd(id);
    assertThat(run.get("status")).isEqualTo("SUCCEEDED");
    assertThat(run.get("pipeline")).isEqualTo("TicketPipeline");
    Map<String, Object> answer = map(run.get("answer"));
    assertThat((String) answer.get("text")).startsWith("Hi Maria,");
    assertThat(answer.get("intent")).isEqualTo("TECHNICAL");
    assertThat(answer.get("citedArticles")).isEqualTo(List.of("KB-201", "KB-202"));
    assertThat(run).doesNotContainKey("question");

    List<Map<String, Object>> steps = steps(run);
    assertThat(steps.stream().map(step -> step.get("name")).toList()).containsExactly(
        "extract", "classify", "lookupCustomer", "searchKnowledgeBase", "draft", "check");
    for (Map<String, Object> step : steps) {
      assertThat(Instant.parse((String) step.get("startedAt")))
          .isAtMost(Instant.parse((String) step.get("finishedAt")));
    }
    Map<String, Object> draft = steps.stream()
        .filter(step -> step.get("name").equals("draft")).findFirst().orElseThrow();
    assertThat(((Number) draft.get("calls")).longValue()).isEqualTo(1);
    assertThat(((Number) draft.get("outputTokens")).longValue()).isGreaterThan(0);
    assertThat(((Number) draft.get("costMicrocents")).longValue()).isGreaterThan(0);
  }

  @Test
  void asksForTheOrderNumberThenContinuesWithIt() throws Exception {
    String id = (String) read(post("/tickets", REFUND_WITHOUT_ORDER)).get("id");

    Map<String, Object> waiting = awaitEnd(id);
    assertThat(waiting.get("status")).isEqualTo("STOPPED_EARLY");
    assertThat(waiting.get("stoppedAt")).isEqualTo("check");
    assertThat(waiting.get("question")).isEqualTo("Ask the customer for their order number:"
        + " a refund request cannot be handled without it.");
    assertThat(waiting.get("details"))
        .isEqualTo(Map.of("missing", List.of("orderNumber"), "intent", "REFUND"));
    assertThat(waiting).doesNotContainKey("answer");
    assertThat(steps(waiting).stream().map(step -> step.get("name")).toList())
        .containsAtLeast("extract", "classify", "draft");

    HttpResponse<String> unanswered = post("/runs/" + id + "/resume", "{}");
    assertThat(unanswered.statusCode()).isEqualTo(400);
    assertThat(read(unanswered).get("message")).isEqualTo("Run " + id + " asks: Ask the customer"
        + " for their order number: a refund request cannot be handled without it. Send the"
        + " answer as {\"orderNumber\": \"...\"}");

    HttpResponse<String> resumed = post("/runs/" + id + "/resume", "{\"orderNumber\": \"582004\"}");
    assertThat(resumed.statusCode()).isEqualTo(202);
    assertThat(resumed.headers().firstValue("Location")).hasValue("/runs/" + id);
    assertThat(read(resumed)).containsExactly("id", id, "status", "QUEUED");

    Map<String, Object> done = awaitEnd(id);
    assertThat(done.get("status")).isEqualTo("SUCCEEDED");
    Map<String, Object> answer = map(done.get("answer"));
    assertThat((String) answer.get("text")).startsWith("Hi Sam,");
    assertThat(answer.get("intent")).isEqualTo("REFUND");
    assertThat(done).doesNotContainKey("question");
    assertThat(done).doesNotContainKey("details");
  }

  @Test
  void anUnknownRunIsNotFound() throws Exception {
    HttpResponse<String> run = get("/runs/no-such-run");
    HttpResponse<String> resume = post("/runs/no-such-run/resume", "{\"orderNumber\": \"1\"}");

    assertThat(run.statusCode()).isEqualTo(404);
    assertThat(read(run).get("message")).isEqualTo("There is no run no-such-run");
    assertThat(resume.statusCode()).isEqualTo(404);
  }

  @Test
  void aRunThatIsNotWaitingForAnAnswerCannotBeResumed() throws Exception {
    String id = (String) read(post("/tickets", ROUTER)).get("id");
    assertThat(awaitEnd(id).get("status")).isEqualTo("SUCCEEDED");

    HttpResponse<String> resumed = post("/runs/" + id + "/resume", "{\"orderNumber\": \"582004\"}");

    assertThat(resumed.statusCode()).isEqualTo(409);
    assertThat(read(resumed).get("message")).isEqualTo("Run " + id + " is SUCCEEDED, not waiting"
        + " for an answer: only a run that stopped early to ask a question (STOPPED_EARLY) can be"
        + " resumed");
  }

  @Test
  void aTicketWithoutItsFieldsIsRefused() throws Exception {
    HttpResponse<String> submitted = post("/tickets", "{\"id\": \"T-1003\"}");

    assertThat(submitted.statusCode()).isEqualTo(400);
    assertThat(read(submitted).get("message"))
        .isEqualTo("A ticket needs an id, a customerEmail, a subject and a body");
  }

  /** Polls the run until it has ended, as a client of the service would. */
  private static Map<String, Object> awaitEnd(String id) throws Exception {
    Instant until = Instant.now().plus(WAIT);
    while (true) {
      HttpResponse<String> response = get("/runs/" + id);
      assertThat(response.statusCode()).isEqualTo(200);
      Map<String, Object> run = read(response);
      if (ENDED.contains((String) run.get("status")) || Instant.now().isAfter(until)) {
        return run;
      }
      Thread.sleep(25);
    }
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  private static Map<String, Object> read(HttpResponse<String> response) throws IOException {
    return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> run) {
    return (List<Map<String, Object>>) run.get("steps");
  }
}
