package dev.braid.spring.boot.autoconfigure;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.NoWorkerException;
import dev.braid.durable.RunStatus;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.RateLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Durable runs from {@code braid.durable.*}: stored in H2 or the application's database, drained
 * by a worker that starts and stops with the context, and shown in Actuator's health.
 */
class DurableTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private ApplicationContextRunner context() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            BraidAutoConfiguration.class, BraidDurableAutoConfiguration.class))
        .withUserConfiguration(TestBeans.class)
        .withPropertyValues("braid.durable.dir=" + dir,
            "braid.durable.worker.poll-interval=20ms");
  }

  @Test
  void theWorkerRunsEveryDurablePipelineInTheEmbeddedH2Database() {
    context().run(context -> {
      DurableRuns runs = context.getBean(DurableRuns.class);
      LedgerPipelineExecutor ledger = context.getBean(LedgerPipelineExecutor.class);
      String id = ledger.submit(runs, "coffee");

      assertThat(runs.await(ledger.definition(), id, WAIT).output()).isEqualTo("recorded coffee");
      assertThat(context.getBean(DurableWorkers.class).isRunning()).isTrue();
    });
    assertThat(Files.exists(dir.resolve("runs.mv.db"))).isTrue();
  }

  @Test
  void onShutdownARunInFlightFinishesWithinTheGracePeriod() {
    String[] id = new String[1];
    context().withPropertyValues("braid.durable.worker.shutdown-grace-period=60s")
        .run(context -> {
          LedgerPipeline pipeline = context.getBean(LedgerPipeline.class);
          DurableWorkers workers = context.getBean(DurableWorkers.class);
          id[0] = context.getBean(LedgerPipelineExecutor.class)
              .submit(context.getBean(DurableRuns.class), "hold-1");
          assertThat(pipeline.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

          Thread closing = Thread.ofVirtual().start(context::close);
          awaitTrue(() -> workers.state() == DurableWorkers.State.DRAINING);
          pipeline.release.countDown();
          closing.join(WAIT.toMillis());

          assertThat(closing.isAlive()).isFalse();
          assertThat(workers.isRunning()).isFalse();
        });
    assertThat(statusOf(id[0])).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void onShutdownRunsStillInFlightAfterTheGracePeriodGoBackToTheQueue() {
    String[] id = new String[1];
    context().withPropertyValues("braid.durable.worker.shutdown-grace-period=100ms")
        .run(context -> {
          LedgerPipeline pipeline = context.getBean(LedgerPipeline.class);
          id[0] = context.getBean(LedgerPipelineExecutor.class)
              .submit(context.getBean(DurableRuns.class), "hold-2");
          assertThat(pipeline.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

          context.close();

          assertThat(pipeline.release.getCount()).isEqualTo(1);
        });
    assertThat(statusOf(id[0])).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void runsAreStoredInTheApplicationsDataSource() {
    HikariDataSource application = DurableDatabase.h2(dir.resolve("app"));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            BraidAutoConfiguration.class, BraidDurableAutoConfiguration.class))
        .withUserConfiguration(TestBeans.class)
        .withBean(DataSource.class, () -> application)
        .run(context -> {
          DurableStore store = context.getBean(DurableStore.class);
          assertThat(store.dataSource()).isSameInstanceAs(application);
          assertThat(store.description()).isEqualTo("the application's DataSource");
        });
    assertThat(application.isClosed()).isTrue();
  }

  @Test
  void withSeveralDataSourcesTheNamedOneStoresTheRuns() {
    HikariDataSource first = DurableDatabase.h2(dir.resolve("first"));
    HikariDataSource second = DurableDatabase.h2(dir.resolve("second"));
    ApplicationContextRunner twoDatabases = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            BraidAutoConfiguration.class, BraidDurableAutoConfiguration.class))
        .withUserConfiguration(TestBeans.class)
        .withBean("first", DataSource.class, () -> first)
        .withBean("second", DataSource.class, () -> second);

    twoDatabases.withPropertyValues("braid.durable.datasource=second").run(context ->
        assertThat(context.getBean(DurableStore.class).dataSource()).isSameInstanceAs(second));
    twoDatabases.run(context ->
        assertThat(PipelinePropertiesTest.rootCause(context.getStartupFailure())).hasMessageThat()
            .isEqualTo("Property braid.durable.datasource is not set, and the application has"
                + " several DataSource beans; set it to the name of the one that stores durable"
                + " runs, or set braid.durable.jdbc-url to a database of their own"));
    twoDatabases.withPropertyValues("braid.durable.datasource=third").run(context ->
        assertThat(PipelinePropertiesTest.rootCause(context.getStartupFailure())).hasMessageThat()
            .isEqualTo("Property braid.durable.datasource names the DataSource bean 'third',"
                + " which the application does not have; write the name of one of its"
                + " DataSource beans: [first, second]"));
  }

  @Test
  void theHealthIndicatorShowsTheWorkerAndTheDatabase() {
    context().withPropertyValues("braid.durable.worker.id=worker-7",
        "braid.durable.worker.max-concurrent-runs=3").run(context -> {
      HealthIndicator indicator =
          context.getBean("braidDurableHealthIndicator", HealthIndicator.class);
      Health health = indicator.health(true);

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails().get("database"))
          .isEqualTo("the H2 database in " + dir.toAbsolutePath().normalize());
      assertThat(health.getDetails().get("worker")).isEqualTo(Map.of("id", "worker-7",
          "state", "RUNNING", "runsInFlight", 0, "maxConcurrentRuns", 3));
    });
  }

  @Test
  void anApplicationThatOnlySubmitsStartsNoWorker() {
    context().withPropertyValues("braid.durable.worker.enabled=false").run(context -> {
      assertThat(context.getBeansOfType(DurableWorkers.class)).isEmpty();
      assertThat(context.getBean(DurableRuns.class)).isNotNull();
    });
  }

  @Test
  void workerValuesThatDoNotFitTogetherFailStartup() {
    context().withPropertyValues("braid.durable.worker.lease=10s",
            "braid.durable.worker.heartbeat=8s")
        .run(context -> {
          InvalidBraidPropertyException failure = (InvalidBraidPropertyException)
              PipelinePropertiesTest.rootCause(context.getStartupFailure());
          assertThat(failure.property()).isEqualTo("braid.durable.worker");
          assertThat(failure.problem()).contains("heartbeat");
        });
  }

  @Test
  void twoPlacesToStoreRunsFailStartup() {
    context().withPropertyValues("braid.durable.jdbc-url=jdbc:h2:mem:x")
        .run(context -> assertThat(PipelinePropertiesTest.rootCause(context.getStartupFailure()))
            .hasMessageThat().isEqualTo("Property braid.durable.dir names a second place to"
                + " store durable runs, after braid.durable.jdbc-url; set only one of them"));
  }

  @Test
  void rateLimitsGoToTheWorkerAndWhenNoWorkerToSubmits() {
    context().withPropertyValues("braid.durable.worker.enabled=false",
            "braid.durable.when-no-worker=reject",
            "braid.durable.rate-limits.gpt-4o.requests-per-minute=500",
            "braid.durable.rate-limits.gpt-4o.tokens-per-minute=200000",
            "braid.durable.rate-limits.gpt-4o.tokens-per-call=2000",
            "braid.durable.rate-limits.[gpt-4.1].tokens-per-minute=90000")
        .run(context -> {
          assertThat(context.getBean(WorkerConfig.class).rateLimits().stream()
                  .map(RateLimit::toString))
              .containsExactly("RateLimit[gpt-4o, 500 requests/min, 200000 tokens/min]",
                  "RateLimit[gpt-4.1, 90000 tokens/min]");
          assertThat(context.getBean(WorkerConfig.class).rateLimits().stream()
                  .filter(limit -> limit.model().equals("gpt-4o")).findFirst().orElseThrow()
                  .tokensPerCall())
              .isEqualTo(2_000);
          DurableRuns runs = context.getBean(DurableRuns.class);
          LedgerPipelineExecutor ledger = context.getBean(LedgerPipelineExecutor.class);

          NoWorkerException rejected =
              assertThrows(NoWorkerException.class, () -> ledger.submit(runs, "coffee"));
          assertThat(rejected).hasMessageThat().contains("LedgerPipeline");
        });
  }

  @Test
  void badRateLimitAndWhenNoWorkerValuesFailStartupNamingTheProperty() {
    assertStartupFails(context().withPropertyValues("braid.durable.when-no-worker=sometimes"),
        "braid.durable.when-no-worker", "is 'sometimes'",
        "write warn, to queue the run and log a warning, or reject, to refuse it");
    assertStartupFails(context().withPropertyValues(
            "braid.durable.rate-limits.gpt-4o.requests-per-minute=0"),
        "braid.durable.rate-limits.gpt-4o.requests-per-minute", "is 0",
        "write a whole number of at least 1");
    assertStartupFails(context().withPropertyValues(
            "braid.durable.rate-limits.[gpt-4.1].tokens-per-call=500"),
        "braid.durable.rate-limits.[gpt-4.1]",
        "sets neither requests-per-minute nor tokens-per-minute",
        "set one or both, or remove the model to leave it unlimited");
  }

  private static void assertStartupFails(ApplicationContextRunner runner, String property,
      String problem, String fix) {
    runner.run(context -> {
      InvalidBraidPropertyException failure = (InvalidBraidPropertyException)
          PipelinePropertiesTest.rootCause(context.getStartupFailure());
      assertThat(failure.property()).isEqualTo(property);
      assertThat(failure.problem()).isEqualTo(problem);
      assertThat(failure.fix()).isEqualTo(fix);
    });
  }

  private RunStatus statusOf(String id) {
    try (HikariDataSource database = DurableDatabase.h2(dir)) {
      return DurableRuns.create(database).status(id).orElseThrow().status();
    }
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < deadline).isTrue();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
