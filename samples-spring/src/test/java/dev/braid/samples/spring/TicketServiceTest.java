package dev.braid.samples.spring;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.StepConfig;
import dev.braid.spring.boot.autoconfigure.PipelineConfigs;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ticket service over real HTTP on 127.0.0.1: the Spring Boot application on a random port,
 * with its worker, storing runs in an H2 database in a temporary directory, and its settings from
 * {@code application.yml}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "braid.durable.worker.poll-interval=20ms"})
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
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path database;

  private static HttpClient http;

  @LocalServerPort int port;
  @Autowired PipelineConfigs configs;

  @DynamicPropertySource
  static void storeRunsIn(DynamicPropertyRegistry properties) {
    properties.add("braid.durable.dir", () -> database.toString());
  }

  @BeforeAll
  static void openClient() {
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void closeClient() {
    http.close();
  }

  @Test
  void answersATicketThatHasEverythingItNeeds() throws Exception {
    HttpResponse<String> submitted = post("/tickets", ROUTER);

    assertThat(submitted.statusCode()).isEqualTo(202);
    Map<String, Object> accepted = read(submitted);
    String id = (String) accepted.get("id");
    assertThat(accepted.get("status")).isEqualTo("QUEUED");
    assertThat(submitted.headers().firstValue("Location")).hasValue("/runs/" + id);

    Map<String, Object> run = awaitEnd(id);
    assertThat(run.get("status")).isEqualTo("SUCCEEDED");
    assertThat(run.get("pipeline")).isEqualTo("TicketPipeline");
    Map<String, Object> answer = map(run.get("answer"));
    assertThat((String) answer.get("text")).startsWith("Hi Maria,");
    assertThat(answer.get("intent")).isEqualTo("TECHNICAL");
    assertThat(run).doesNotContainKey("question");

    List<Map<String, Object>> steps = steps(run);
    assertThat(steps.stream().map(step -> step.get("name")).toList()).containsExactly(
        "extract", "classify", "lookupCustomer", "searchKnowledgeBase", "draft", "check");
    for (Map<String, Object> step : steps) {
      assertThat(Instant.parse((String) step.get("startedAt")))
          .isAtMost(Instant.parse((String) step.get("finishedAt")));
    }
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

    HttpResponse<String> resumed = post("/runs/" + id + "/resume", "{\"orderNumber\": \"582004\"}");
    assertThat(resumed.statusCode()).isEqualTo(202);
    assertThat(read(resumed)).containsExactly("id", id, "status", "QUEUED");

    Map<String, Object> done = awaitEnd(id);
    assertThat(done.get("status")).isEqualTo("SUCCEEDED");
    assertThat((String) map(done.get("answer")).get("text")).startsWith("Hi Sam,");
    assertThat(done).doesNotContainKey("details");
  }

  @Test
  void anUnknownRunIsNotFoundAndAnEndedOneCannotBeResumed() throws Exception {
    assertThat(get("/runs/no-such-run").statusCode()).isEqualTo(404);
    String id = (String) read(post("/tickets", ROUTER)).get("id");
    assertThat(awaitEnd(id).get("status")).isEqualTo("SUCCEEDED");

    HttpResponse<String> resumed = post("/runs/" + id + "/resume", "{\"orderNumber\": \"1\"}");

    assertThat(resumed.statusCode()).isEqualTo(409);
  }

  @Test
  void theConsoleUnderBraidShowsTheServicesRuns() throws Exception {
    String id = (String) read(post("/tickets", ROUTER)).get("id");
    assertThat(awaitEnd(id).get("status")).isEqualTo("SUCCEEDED");

    Map<String, Object> page = read(get("/braid/api/runs?pipeline=TicketPipeline"));
    List<Map<String, Object>> runs = list(page.get("runs"));
    assertThat(runs.stream().map(run -> run.get("id")).toList()).contains(id);
    assertThat((List<?>) page.get("pipelines")).contains("TicketPipeline");

    Map<String, Object> run = read(get("/braid/api/runs/" + id));
    assertThat(run.get("status")).isEqualTo("SUCCEEDED");
    assertThat(map(map(run.get("inputs")).get("ticket")).get("customerEmail"))
        .isEqualTo("[redacted]");
    Map<String, Object> draft = steps(run).stream()
        .filter(step -> step.get("name").equals("draft")).findFirst().orElseThrow();
    assertThat(draft.get("state")).isEqualTo("succeeded");
    Map<String, Object> attempt = list(draft.get("tries")).getFirst();
    assertThat(attempt.get("outcome")).isEqualTo("SUCCEEDED");
    assertThat((Integer) map(attempt.get("usage")).get("calls")).isAtLeast(1);
    HttpResponse<String> html = get("/braid/");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.body()).contains("Braid console");
  }

  @Test
  void settingsComeFromApplicationYml() {
    assertThat(configs.forPipeline("TicketPipeline").deadline()).hasValue(Duration.ofMinutes(3));
    assertThat(configs.forPipeline("TicketPipeline").steps().get("draft")).isEqualTo(
        StepConfig.builder().timeout(Duration.ofSeconds(45)).retries(2).build());
  }

  @Test
  void actuatorShowsTheRunsMetricsAndTheWorkersHealth() throws Exception {
    String id = (String) read(post("/tickets", ROUTER)).get("id");
    assertThat(awaitEnd(id).get("status")).isEqualTo("SUCCEEDED");

    HttpResponse<String> metric = get("/actuator/metrics/braid.run.duration?tag=pipeline:TicketPipeline");
    assertThat(metric.statusCode()).isEqualTo(200);
    assertThat(read(metric).get("name")).isEqualTo("braid.run.duration");

    Map<String, Object> health = read(get("/actuator/health"));
    Map<String, Object> durable = map(map(health.get("components")).get("braidDurable"));
    assertThat(durable.get("status")).isEqualTo("UP");
    assertThat(map(map(durable.get("details")).get("worker")).get("state")).isEqualTo("RUNNING");
  }

  /** Polls the run until it has ended, as a client of the service would. */
  private Map<String, Object> awaitEnd(String id) throws Exception {
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

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static Map<String, Object> read(HttpResponse<String> response) {
    return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {});
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> run) {
    return (List<Map<String, Object>>) run.get("steps");
  }
}
