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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Braid console mounted in the ticket service under /braid, over real HTTP: it lists the
 * service's runs and answers the order-number question, after which the run completes.
 */
class ConsoleMountTest {
  private static final String TOKEN = "ticket-service-console-token";
  private static final String REFUND_WITHOUT_ORDER = """
      {"id": "T-2001", "customerEmail": "sam@example.com", "subject": "Refund please",
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
        "braid.durable.worker.poll-interval", "20ms",
        "braid.console.token", TOKEN), Application.ENVIRONMENT);
    http = HttpClient.newHttpClient();
    json = server.getApplicationContext().getBean(JsonMapper.class);
  }

  @AfterAll
  static void stopTheService() {
    http.close();
    server.getApplicationContext().close();
  }

  @Test
  void theConsoleIsMountedUnderBraidWithItsPages() throws Exception {
    HttpResponse<String> bare = send(HttpRequest.newBuilder(uri("/braid")));
    HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/braid/")));
    HttpResponse<String> script = send(HttpRequest.newBuilder(uri("/braid/assets/console.js")));

    assertThat(bare.statusCode()).isEqualTo(308);
    assertThat(bare.headers().firstValue("Location")).hasValue("/braid/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<body data-page=\"runs\">");
    assertThat(script.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/javascript");
  }

  @Test
  void theOrderNumberQuestionIsAnsweredThroughTheConsoleAndTheRunCompletes() throws Exception {
    String id = (String) read(send(HttpRequest.newBuilder(uri("/tickets"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(REFUND_WITHOUT_ORDER)))).get("id");
    Map<String, Object> waiting = awaitEnd(id);
    assertThat(waiting.get("status")).isEqualTo("STOPPED_EARLY");
    assertThat((String) waiting.get("question")).contains("order number");
    Map<String, Object> ticket = map(map(waiting.get("inputs")).get("ticket"));
    assertThat(ticket.get("customerEmail")).isEqualTo("[redacted]");
    assertThat(read(send(HttpRequest.newBuilder(uri("/braid/api/runs?status=STOPPED_EARLY"))))
        .get("runs").toString()).contains(id);

    ticket.put("body", ticket.get("body") + "\n\nOrder number: #582004");
    String answer = json.writeValueAsString(Map.of("inputs", Map.of("ticket", ticket)));
    HttpResponse<String> withoutToken = send(answer(id, answer).header("X-Braid-Token",
        "not-the-token-at-all"));
    HttpResponse<String> answered = send(answer(id, answer).header("X-Braid-Token", TOKEN));

    assertThat(withoutToken.statusCode()).isEqualTo(401);
    assertThat(answered.statusCode()).isEqualTo(202);
    Map<String, Object> done = awaitEnd(id);
    assertThat(done.get("status")).isEqualTo("SUCCEEDED");
    assertThat((String) map(done.get("output")).get("text")).startsWith("Hi Sam,");
  }

  private HttpRequest.Builder answer(String id, String body) throws Exception {
    String csrf = (String) read(send(HttpRequest.newBuilder(uri("/braid/api/session"))))
        .get("csrf");
    return HttpRequest.newBuilder(uri("/braid/api/runs/" + id + "/answer"))
        .header("Content-Type", "application/json")
        .header("X-Braid-Csrf", csrf)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static Map<String, Object> awaitEnd(String id) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Map<String, Object> run = read(send(HttpRequest.newBuilder(uri("/braid/api/runs/" + id))));
      if (Boolean.TRUE.equals(run.get("terminal")) || Instant.now().isAfter(until)) {
        return run;
      }
      Thread.sleep(25);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  private static Map<String, Object> read(HttpResponse<String> response) throws IOException {
    return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return new java.util.LinkedHashMap<>((Map<String, Object>) value);
  }
}
