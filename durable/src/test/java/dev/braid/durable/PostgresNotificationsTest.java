package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.PipelineDefinition;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a worker hears of a queued run through {@code LISTEN/NOTIFY}, so it starts the run
 * at once rather than at its next poll. The worker here polls once an hour: without the
 * notification, no run would start within the test's timeout.
 */
class PostgresNotificationsTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AskingPipeline asking = new AskingPipeline();
  private final PipelineDefinition<String> definition = asking.definition();
  private HikariDataSource dataSource;
  private DurableRuns runs;
  private Worker worker;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabases.freshPostgres();
    runs = DurableRuns.create(dataSource);
    worker = Worker.start(dataSource, WorkerConfig.builder().pollInterval(HOUR)
        .lease(Duration.ofSeconds(30)).heartbeat(Duration.ofSeconds(10)).build(), definition);
    // Let the worker make its first, empty poll, so that only a notification can wake it.
    Thread.sleep(500);
  }

  @AfterEach
  void tearDown() {
    worker.close();
    dataSource.close();
  }

  @Test
  void aSubmittedRunWakesAnIdleWorker() throws Exception {
    String id = runs.submit(definition, "woken", "A-1");

    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-1");
  }

  @Test
  void aResumedRunWakesAnIdleWorker() throws Exception {
    String id = runs.submit(definition, "asks first", null);
    assertThat(runs.await(definition, id, WAIT).stoppedEarly()).isTrue();

    runs.resume(definition, id, "asks first", "A-2");

    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-2");
  }
}
