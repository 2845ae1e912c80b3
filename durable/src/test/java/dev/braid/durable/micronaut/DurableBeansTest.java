package dev.braid.durable.micronaut;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.NoWorkerException;
import dev.braid.durable.QueueFullException;
import dev.braid.durable.RunStatus;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.RateLimit;
import dev.braid.runtime.RunQueue;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The Micronaut beans of durable runs, built from properties in an application context. */
class DurableBeansTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final PipelineDefinition<String> GREETING = GreetingPipeline.definition();

  @TempDir Path dir;

  /** Properties of an application that declares the greeting pipeline and stores runs in dir. */
  private Map<String, Object> withGreeting(Object... more) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(GreetingPipeline.ENABLED, "true");
    properties.put("braid.durable.dir", dir.toString());
    properties.put("braid.durable.worker.poll-interval", "20ms");
    for (int i = 0; i < more.length; i += 2) {
      properties.put((String) more[i], more[i + 1]);
    }
    return properties;
  }

  @Test
  void runsTheDeclaredPipelinesInTheEmbeddedH2DatabaseInDir() throws Exception {
    try (ApplicationContext context = ApplicationContext.run(withGreeting())) {
      DurableRuns runs = context.getBean(DurableRuns.class);
      String id = runs.submit(GREETING, "Ada");

      assertThat(runs.await(GREETING, id, WAIT).output()).isEqualTo("Hello, Ada");
      assertThat(context.getBean(RunQueue.class)).isSameInstanceAs(runs);
      // A run's outcome is committed just before its worker lets go of it.
      Worker worker = context.getBean(Worker.class);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (worker.runsInFlight() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(worker.runsInFlight()).isEqualTo(0);
    }
    assertThat(Files.exists(dir.resolve("runs.mv.db"))).isTrue();
  }

  @Test
  void mapsTheWorkerPropertiesOntoItsConfig() {
    try (ApplicationContext context = ApplicationContext.run(withGreeting(
        "braid.durable.worker.id", "worker-7",
        "braid.durable.worker.max-concurrent-runs", "2",
        "braid.durable.worker.lease", "20s",
        "braid.durable.worker.heartbeat", "PT5S",
        "braid.durable.worker.poll-interval", "250ms",
        "braid.durable.worker.max-attempts", 5,
        "braid.durable.worker.step-concurrency.sayHello", 2,
        "braid.durable.worker.fire-schedules", "false",
        "braid.durable.worker.retain-finished-runs", "30d",
        "braid.durable.worker.retain-stopped-early-runs", "P180D",
        "braid.durable.worker.retention-interval", "1h"))) {
      WorkerConfig config = context.getBean(Worker.class).config();

      assertThat(config.workerId()).isEqualTo("worker-7");
      assertThat(config.maxConcurrentRuns()).isEqualTo(2);
      assertThat(config.lease()).isEqualTo(Duration.ofSeconds(20));
      assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(250));
      assertThat(config.maxAttempts()).isEqualTo(5);
      assertThat(config.stepConcurrency()).containsExactly("sayHello", 2);
      assertThat(config.firesSchedules()).isFalse();
      assertThat(config.retainFinishedRuns()).hasValue(Duration.ofDays(30));
      assertThat(config.retainStoppedEarlyRuns()).hasValue(Duration.ofDays(180));
      assertThat(config.retentionInterval()).isEqualTo(Duration.ofHours(1));
    }
  }

  @Test
  void leftOutWorkerPropertiesKeepTheDefaults() {
    try (ApplicationContext context = ApplicationContext.run(withGreeting())) {
      WorkerConfig config = context.getBean(Worker.class).config();
      WorkerConfig defaults = WorkerConfig.defaults();

      assertThat(config.workerId()).startsWith("worker-");
      assertThat(config.maxConcurrentRuns()).isEqualTo(defaults.maxConcurrentRuns());
      assertThat(config.lease()).isEqualTo(defaults.lease());
      assertThat(config.heartbeat()).isEqualTo(defaults.heartbeat());
      assertThat(config.maxAttempts()).isEqualTo(defaults.maxAttempts());
      assertThat(config.stepConcurrency()).isEmpty();
      assertThat(config.firesSchedules()).isTrue();
      assertThat(config.retainFinishedRuns()).isEmpty();
      assertThat(config.retentionInterval()).isEqualTo(defaults.retentionInterval());
    }
  }

  @Test
  void aServiceThatOnlySubmitsStartsNoWorker() {
    try (ApplicationContext context = ApplicationContext.run(
        withGreeting("braid.durable.worker.enabled", "false"))) {
      DurableRuns runs = context.getBean(DurableRuns.class);
      String id = runs.submit(GREETING, "Ada");

      assertThat(context.findBean(Worker.class)).isEmpty();
      assertThat(runs.status(id).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    }
  }

  @Test
  void maxQueuedBoundsTheQueue() {
    try (ApplicationContext context = ApplicationContext.run(withGreeting(
        "braid.durable.worker.enabled", "false", "braid.durable.max-queued", "1"))) {
      DurableRuns runs = context.getBean(DurableRuns.class);
      runs.submit(GREETING, "Ada");

      QueueFullException full =
          assertThrows(QueueFullException.class, () -> runs.submit(GREETING, "Grace"));

      assertThat(full).hasMessageThat().startsWith(
          "The queue of durable runs holds 1 runs, at its limit of 1, so a run of pipeline");
    }
  }

  @Test
  void anApplicationWithoutPipelineDefinitionsStartsNoWorker() {
    try (ApplicationContext context = ApplicationContext.run(
        Map.of("braid.durable.dir", dir.toString()))) {
      assertThat(context.findBean(Worker.class)).isEmpty();
      assertThat(context.getBean(DurableRuns.class).submit(GREETING, "Ada")).isNotEmpty();
    }
  }

  @Test
  void storesRunsInTheDatabaseAtJdbcUrl() throws Exception {
    String url = "jdbc:h2:mem:jdbc-url-test;DB_CLOSE_DELAY=-1";
    Map<String, Object> properties = withGreeting("braid.durable.jdbc-url", url,
        "braid.durable.username", "sa", "braid.durable.password", "");
    properties.remove("braid.durable.dir");
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      DurableRuns runs = context.getBean(DurableRuns.class);
      String id = runs.submit(GREETING, "Grace");
      assertThat(runs.await(GREETING, id, WAIT).output()).isEqualTo("Hello, Grace");

      try (Connection connection = DriverManager.getConnection(url, "sa", "");
          PreparedStatement select = connection.prepareStatement(
              "SELECT status FROM braid_runs WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet row = select.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getString(1)).isEqualTo("SUCCEEDED");
        }
      }
    }
    assertThat(Files.exists(dir.resolve("runs.mv.db"))).isFalse();
  }

  @Test
  void usesTheApplicationsDataSourceAndLeavesItOpen() throws Exception {
    try (HikariDataSource application = DurableDatabase.h2(dir.resolve("application"))) {
      String id;
      try (ApplicationContext context = ApplicationContext.builder()
          .properties(Map.of(GreetingPipeline.ENABLED, "true",
              "braid.durable.worker.poll-interval", "20ms"))
          .singletons(application)
          .start()) {
        DurableRuns runs = context.getBean(DurableRuns.class);
        id = runs.submit(GREETING, "Linus");
        assertThat(runs.await(GREETING, id, WAIT).output()).isEqualTo("Hello, Linus");
      }

      assertThat(application.isClosed()).isFalse();
      assertThat(DurableRuns.create(application).status(id).orElseThrow().status())
          .isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void usesTheDataSourceNamedByDatasourceWhenThereAreSeveral() throws Exception {
    try (HikariDataSource orders = DurableDatabase.h2(dir.resolve("orders"));
        HikariDataSource braid = DurableDatabase.h2(dir.resolve("braid"))) {
      try (ApplicationContext context = withDataSources(
          Map.of("braid.durable.datasource", "braid"), orders, braid)) {
        String id = context.getBean(DurableRuns.class).submit(GREETING, "Ada");

        assertThat(DurableRuns.create(braid).status(id)).isPresent();
      }
      try (ApplicationContext context = withDataSources(Map.of(), orders, braid)) {
        assertThat(failure(() -> context.getBean(DurableRuns.class))).isEqualTo(
            "The application has several DataSource beans; set braid.durable.datasource to the"
                + " name of the one that stores durable runs, or braid.durable.jdbc-url to a"
                + " database of their own");
      }
      try (ApplicationContext context = withDataSources(
          Map.of("braid.durable.datasource", "runs"), orders, braid)) {
        assertThat(failure(() -> context.getBean(DurableRuns.class))).isEqualTo(
            "Property braid.durable.datasource names the DataSource bean 'runs', but the"
                + " application has no DataSource bean of that name");
      }
    }
  }

  private static ApplicationContext withDataSources(Map<String, Object> properties,
      DataSource orders, DataSource braid) {
    ApplicationContext context = ApplicationContext.builder().properties(properties).build();
    context.registerSingleton(DataSource.class, orders, Qualifiers.byName("orders"));
    context.registerSingleton(DataSource.class, braid, Qualifiers.byName("braid"));
    return context.start();
  }

  @Test
  void rejectsPropertiesThatContradictOneAnother() {
    try (ApplicationContext context = ApplicationContext.run(Map.of(
        "braid.durable.jdbc-url", "jdbc:h2:mem:contradiction", "braid.durable.dir", "runs"))) {
      assertThat(failure(() -> context.getBean(DurableRuns.class))).isEqualTo(
          "Properties braid.durable.jdbc-url and braid.durable.dir name two places to store"
              + " durable runs; set only one of them");
    }
    try (ApplicationContext context = ApplicationContext.run(Map.of(
        "braid.durable.username", "braid"))) {
      assertThat(failure(() -> context.getBean(DurableRuns.class))).isEqualTo(
          "Properties braid.durable.username and braid.durable.password are for the database at"
              + " braid.durable.jdbc-url, which is not set; set it too, or leave them out");
    }
  }

  @Test
  void rejectsABadWorkerPropertyByNameBeforeOpeningTheDatabase() {
    assertThat(failure(() -> ApplicationContext.run(
        withGreeting("braid.durable.worker.lease", "30 sec")))).isEqualTo(
        "Property braid.durable.worker.lease is \"30 sec\", which is not a duration; write it as"
            + " 250ms, 30s, 2m, 1h, 30d or ISO-8601 such as PT30S");
    assertThat(failure(() -> ApplicationContext.run(
        withGreeting("braid.durable.worker.max-concurrent-runs", "0")))).isEqualTo(
        "Property braid.durable.worker.max-concurrent-runs is invalid: WorkerConfig"
            + " maxConcurrentRuns must be at least 1, was 0");
    assertThat(failure(() -> ApplicationContext.run(withGreeting(
        "braid.durable.worker.lease", "10s", "braid.durable.worker.heartbeat", "6s"))))
        .startsWith("Properties under braid.durable.worker do not fit together: WorkerConfig"
            + " heartbeat (PT6S) must be at most half the lease (PT10S)");
    assertThat(failure(() -> ApplicationContext.run(withGreeting(
        "braid.durable.worker.step-concurrency.sayHello", "0")))).startsWith(
        "Property braid.durable.worker.step-concurrency.sayHello is invalid: WorkerConfig"
            + " stepConcurrency for step 'sayHello' must be at least 1, was 0");
    assertThat(Files.exists(dir.resolve("runs.mv.db"))).isFalse();
  }

  @Test
  void rateLimitsGoToTheWorkerAndWhenNoWorkerToSubmits() {
    try (ApplicationContext context = ApplicationContext.run(withGreeting(
        "braid.durable.worker.enabled", "false",
        "braid.durable.when-no-worker", "reject",
        "braid.durable.rate-limits.gpt-4o.requests-per-minute", 500,
        "braid.durable.rate-limits.gpt-4o.tokens-per-minute", "200000",
        "braid.durable.rate-limits.gpt-4o.tokens-per-call", "2000",
        "braid.durable.rate-limits.gpt-4.1.tokens-per-minute", "90000"))) {
      WorkerConfig config = context.getBean(WorkerConfig.class);

      assertThat(config.rateLimits().stream().map(RateLimit::toString)).containsExactly(
          "RateLimit[gpt-4o, 500 requests/min, 200000 tokens/min]",
          "RateLimit[gpt-4.1, 90000 tokens/min]");
      assertThat(config.rateLimits().stream().filter(limit -> limit.model().equals("gpt-4o"))
          .findFirst().orElseThrow().tokensPerCall()).isEqualTo(2_000);
      DurableRuns runs = context.getBean(DurableRuns.class);
      assertThrows(NoWorkerException.class, () -> runs.submit(GREETING, "Ada"));
    }
  }

  @Test
  void rejectsBadRateLimitAndWhenNoWorkerValuesByName() {
    try (ApplicationContext context = ApplicationContext.run(withGreeting(
        "braid.durable.worker.enabled", "false", "braid.durable.when-no-worker", "sometimes"))) {
      assertThat(failure(() -> context.getBean(DurableRuns.class))).isEqualTo(
          "Property braid.durable.when-no-worker is \"sometimes\"; write warn, to queue the run"
              + " and log a warning, or reject, to refuse it");
    }
    assertThat(failure(() -> ApplicationContext.run(withGreeting(
        "braid.durable.rate-limits.gpt-4o.requests-per-minute", "0")))).isEqualTo(
        "Property braid.durable.rate-limits.gpt-4o.requests-per-minute is \"0\"; write a whole"
            + " number of at least 1");
    assertThat(failure(() -> ApplicationContext.run(withGreeting(
        "braid.durable.rate-limits.gpt-4o.tokens-per-call", "500")))).isEqualTo(
        "Properties under braid.durable.rate-limits.gpt-4o set neither requests-per-minute nor"
            + " tokens-per-minute; set one or both, or remove the model to leave it unlimited");
    assertThat(failure(() -> ApplicationContext.run(withGreeting(
        "braid.durable.rate-limits.gpt-4o.requests-a-minute", "5")))).isEqualTo(
        "Property braid.durable.rate-limits.gpt-4o.requests-a-minute is not a rate limit"
            + " setting; write braid.durable.rate-limits.<model>. followed by"
            + " requests-per-minute, tokens-per-minute or tokens-per-call");
  }

  @Test
  void stoppingTheApplicationRequeuesTheRunsInFlightThenClosesThePool() throws Exception {
    GreetingPipeline.blocked = new CountDownLatch(1);
    ApplicationContext context = ApplicationContext.run(withGreeting());
    String id = context.getBean(DurableRuns.class).submit(GREETING, "block me");
    assertThat(GreetingPipeline.blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    HikariDataSource pool = (HikariDataSource) context.getBean(DurableDataSource.class)
        .dataSource();

    context.close();

    assertThat(pool.isClosed()).isTrue();
    try (HikariDataSource reopened = DurableDatabase.h2(dir)) {
      assertThat(DurableRuns.create(reopened).status(id).orElseThrow().status())
          .isEqualTo(RunStatus.QUEUED);
    }
  }

  /** The message of what {@code action} threw, under Micronaut's exceptions that wrap it. */
  private static String failure(Executable action) {
    Throwable thrown = assertThrows(RuntimeException.class, action);
    while (thrown.getClass().getName().startsWith("io.micronaut.") && thrown.getCause() != null) {
      thrown = thrown.getCause();
    }
    return thrown.getMessage();
  }
}
