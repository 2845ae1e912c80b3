package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.PipelineDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a worker hears of a queued run through {@code LISTEN/NOTIFY}, so it starts the run
 * at once rather than at its next poll. The worker here polls once an hour, and the test waits
 * until it has made its first poll, which found nothing, and listens: from then on only a
 * notification can wake it, so without one no run would start within the test's timeout.
 */
class PostgresNotificationsTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AskingPipeline asking = new AskingPipeline();
  private final PipelineDefinition<String> definition = asking.definition();
  private final List<Worker> workers = new ArrayList<>();
  private HikariDataSource dataSource;
  private DurableRuns runs;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = TestDatabases.freshPostgres();
    runs = DurableRuns.create(dataSource);
  }

  @AfterEach
  void tearDown() {
    workers.forEach(Worker::close);
    dataSource.close();
  }

  /** A worker whose first poll is over and that listens: only a notification wakes it now. */
  private void idleWorker() throws InterruptedException {
    Worker worker = Worker.start(dataSource, WorkerConfig.builder().pollInterval(HOUR)
        .lease(Duration.ofSeconds(30)).heartbeat(Duration.ofSeconds(10)).build(), definition);
    workers.add(worker);
    WorkerPolls.await("the worker's first poll, and its LISTEN",
        () -> worker.polls() >= 1 && listening());
  }

  /** Whether a session of this database has sent {@code LISTEN} and waits for notifications. */
  private boolean listening() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND state = 'idle'"
            + " AND query = 'LISTEN braid_runs_queued'")) {
      rows.next();
      return rows.getInt(1) == 1;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSubmittedRunWakesAnIdleWorker() throws Exception {
    idleWorker();

    String id = runs.submit(definition, "woken", "A-1");

    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-1");
  }

  @Test
  void aResumedRunWakesAnIdleWorker() throws Exception {
    String id = runs.submit(definition, "asks first", null);
    // A worker of its own pool, so that none of its sessions, listening or not, outlives it.
    try (HikariDataSource own = DurableDatabase.postgres(dataSource.getJdbcUrl(), "postgres", "");
        Worker first = Worker.start(own, WorkerConfig.builder().pollInterval(Duration.ofMillis(50))
            .build(), definition)) {
      assertThat(runs.await(definition, id, WAIT).stoppedEarly()).isTrue();
    }
    idleWorker();

    runs.resume(definition, id, "asks first", "A-2");

    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-2");
  }
}
