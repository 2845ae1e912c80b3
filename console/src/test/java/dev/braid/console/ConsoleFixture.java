package dev.braid.console;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PriceTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An H2 database of runs of {@link OrderPipeline}, a worker on demand, and a console over them. */
final class ConsoleFixture implements AutoCloseable {
  static final String TOKEN = "console-test-token-0123456789";

  final HikariDataSource database;
  final DurableRuns runs;
  /** What {@link OrderPipeline#MODEL} costs: a dollar a million tokens in, five out. */
  static final ModelPrice PRICE = new ModelPrice(1_000_000, 0, 5_000_000);

  final OrderPipelineExecutor orders = new OrderPipelineExecutor(new OrderPipeline(),
      PipelineConfig.builder().prices(PriceTable.empty().with(OrderPipeline.MODEL, PRICE))
          .build());
  private @Nullable Worker worker;

  ConsoleFixture(Path directory) {
    database = DurableDatabase.h2(directory);
    runs = DurableRuns.create(database);
  }

  BraidConsole console() {
    return BraidConsole.builder(runs).pipelines(List.of(orders.definition())).actions(true)
        .token(TOKEN).redact("email").build();
  }

  void startWorker() {
    worker = Worker.start(database, WorkerConfig.builder().workerId("console-test")
        .pollInterval(Duration.ofMillis(20)).build(), orders.definition());
  }

  String submit(String customer, String order) {
    return runs.submit(orders.definition(),
        new OrderPipeline.Request(customer, customer + "@example.com", order));
  }

  StoredRun awaitEnd(String id) throws InterruptedException {
    StoredRun run = runs.await(id, Duration.ofSeconds(30));
    if (!run.status().isTerminal()) {
      throw new AssertionError("Run " + id + " is still " + run.status());
    }
    return run;
  }

  static JsonNode json(ConsoleResponse response) {
    return Json.MAPPER.readTree(response.text());
  }

  static JsonNode get(BraidConsole console, String path, Map<String, String> query) {
    return json(console.handle(ConsoleRequest.get(path, query)));
  }

  /** A POST as the console's own page sends it: with the anti-forgery token and the token. */
  static ConsoleResponse post(BraidConsole console, String path, String body) {
    String csrf = get(console, "/api/session", Map.of()).get("csrf").asString();
    return console.handle(new ConsoleRequest("POST", path, Map.of(), headers(csrf, TOKEN),
        body, false));
  }

  static Map<String, String> headers(@Nullable String csrf, @Nullable String token) {
    Map<String, String> headers = new HashMap<>();
    headers.put("host", "127.0.0.1:8080");
    headers.put("origin", "http://127.0.0.1:8080");
    if (csrf != null) {
      headers.put("x-braid-csrf", csrf);
    }
    if (token != null) {
      headers.put("x-braid-token", token);
    }
    return headers;
  }

  RunStatus status(String id) {
    return runs.status(id).orElseThrow().status();
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    database.close();
  }
}
