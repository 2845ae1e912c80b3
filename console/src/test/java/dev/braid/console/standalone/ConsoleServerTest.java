package dev.braid.console.standalone;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.console.BraidConsole;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone console over real HTTP, and its command line. */
class ConsoleServerTest {
  private static final String TOKEN = "standalone-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path directory;

  @Test
  void servesPagesAndTheApiAndCancelsOnlyWithTheToken() throws Exception {
    try (HikariDataSource database = DurableDatabase.h2(directory);
        HttpClient http = HttpClient.newHttpClient()) {
      DurableRuns runs = DurableRuns.create(database);
      String id = runs.submit("Anything", Map.of("customer", "ann"));
      BraidConsole console = BraidConsole.builder(runs).actions(true).token(TOKEN).build();
      try (ConsoleServer server = ConsoleServer.start(console, "127.0.0.1", 0)) {
        String base = "http://127.0.0.1:" + server.address().getPort();

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
            .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(
            URI.create(base + "/api/runs?status=QUEUED&pipeline=Anything")).build(),
            HttpResponse.BodyHandlers.ofString());
        String session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        String csrf = session.replaceAll(".*\"csrf\":\"([0-9a-f]+)\".*", "$1");
        HttpResponse<String> withoutToken = http.send(cancel(base, id, csrf, "x".repeat(20)),
            HttpResponse.BodyHandlers.ofString());
        RunStatus afterRefusal = runs.status(id).orElseThrow().status();
        HttpResponse<String> withToken = http.send(cancel(base, id, csrf, TOKEN),
            HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(list.body()).contains("\"id\":\"" + id + "\"");
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(afterRefusal).isEqualTo(RunStatus.QUEUED);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(runs.status(id).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
      }
    }
  }

  private static HttpRequest cancel(String base, String id, String csrf, String token) {
    return post(base + "/api/runs/" + id + "/cancel", csrf, token, "{}");
  }

  private static HttpRequest post(String url, String csrf, String token, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("X-Braid-Csrf", csrf).header("X-Braid-Token", token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /**
   * Without the pipeline's classes the console cannot tell which steps an answer affects; the
   * worker that resumes the run can, and runs only those again.
   */
  @Test
  void anAnswerOverHttpResumesTheRunRunningOnlyTheStepsItAffects() throws Exception {
    ReviewPipeline review = new ReviewPipeline();
    PipelineDefinition<String> definition = new ReviewPipelineExecutor(review).definition();
    try (HikariDataSource database = DurableDatabase.h2(directory);
        HttpClient http = HttpClient.newHttpClient();
        Worker worker = Worker.start(database, WorkerConfig.builder()
            .pollInterval(Duration.ofMillis(20)).build(), definition)) {
      DurableRuns runs = DurableRuns.create(database);
      String id = runs.submit(definition, "the draft", "");
      assertThat(runs.await(id, WAIT).status()).isEqualTo(RunStatus.STOPPED_EARLY);
      BraidConsole console = BraidConsole.builder(runs).actions(true).token(TOKEN).build();
      try (ConsoleServer server = ConsoleServer.start(console, "127.0.0.1", 0)) {
        String base = "http://127.0.0.1:" + server.address().getPort();
        String session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        String csrf = session.replaceAll(".*\"csrf\":\"([0-9a-f]+)\".*", "$1");
        String answer = base + "/api/runs/" + id + "/answer";

        HttpResponse<String> approved = http.send(post(answer, csrf, TOKEN,
            "{\"inputs\": {\"input1\": \"the draft\", \"input2\": \"approve\"}}"),
            HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> rejected = http.send(post(answer, csrf, TOKEN,
            "{\"inputs\": {\"input1\": \"the draft\", \"input2\": \"reject\"}}"),
            HttpResponse.BodyHandlers.ofString());
        StoredRun run = runs.await(id, WAIT);

        assertThat(approved.statusCode()).isEqualTo(202);
        assertThat(rejected.statusCode()).isEqualTo(409);
        assertThat(rejected.body()).contains("Run " + id + " of pipeline 'ReviewPipeline' is ");
        assertThat(rejected.body()).contains(", not waiting for an answer; nothing was changed.");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.resultJson()).isEqualTo("\"approve: summary of the draft\"");
        assertThat(review.summaries.get()).isEqualTo(1);
        assertThat(review.decisions.get()).isEqualTo(2);
      }
    }
  }

  @Test
  void readsTheCommandLineWithSafeDefaults() {
    StandaloneOptions options = StandaloneOptions.parse(
        new String[] {"--jdbc-url", "jdbc:postgresql://db/braid", "--redact", "email, phone"},
        Map.of("BRAID_CONSOLE_DB_PASSWORD", "secret"));

    assertThat(options).isEqualTo(new StandaloneOptions("jdbc:postgresql://db/braid", "braid",
        "secret", "127.0.0.1", 8090, false, null, List.of("email", "phone")));
  }

  @Test
  void aBadCommandLineIsRefusedWithTheFix() {
    assertThat(message("--port", "http")).isEqualTo("--port must be a number from 0 to 65535,"
        + " was 'http'.");
    assertThat(message("--jdbc-url", "jdbc:mysql://db")).isEqualTo("--jdbc-url"
        + " 'jdbc:mysql://db' is neither PostgreSQL (jdbc:postgresql:…) nor H2 (jdbc:h2:…), the"
        + " databases durable runs are stored in.");
    assertThat(message("--jdbc-url", "jdbc:h2:mem:x", "--actions")).startsWith("--actions needs"
        + " a token in the environment variable BRAID_CONSOLE_TOKEN");
    assertThat(message("--verbose")).isEqualTo("Unknown option '--verbose'.");
  }

  private static String message(String... args) {
    return assertThrows(IllegalArgumentException.class,
        () -> StandaloneOptions.parse(args, Map.of())).getMessage();
  }
}
