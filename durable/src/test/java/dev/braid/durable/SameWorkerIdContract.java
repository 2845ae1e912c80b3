package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.internal.Claim;
import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.RunTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker that starts under the id of one that died takes that worker's runs back at once, and
 * only those: not a run another worker took over, nor one that a live worker with the same id
 * runs. Leases here last an hour, so a run that finishes within the test's wait was taken back,
 * not taken over. Run against each supported database by a subclass.
 */
abstract class SameWorkerIdContract {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration HOUR = Duration.ofHours(1);

  private final CountingPipeline counting = new CountingPipeline();
  @RegisterExtension
  final DurableFixture fixture = new DurableFixture(this::newDatabase, counting.release);
  private DurableRuns runs;

  /** A fresh, empty database for one test. */
  abstract HikariDataSource newDatabase() throws Exception;

  @BeforeEach
  void setUp() {
    runs = fixture.runs();
  }

  private Worker worker(String id) {
    return fixture.startWorker(WorkerConfig.builder().workerId(id)
        .lease(HOUR).heartbeat(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
        .build(), counting.registration());
  }

  @Test
  void workerStartedAgainUnderItsIdTakesItsRunBackAtOnce() throws Exception {
    Worker first = worker("host-a");
    String id = runs.submit(CountingPipeline.NAME, "block-restart");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    first.halt();

    worker("host-a");
    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.attempts()).isEqualTo(2);
    assertThat(counting.ran("block-restart", 0)).isEqualTo(1);
    assertThat(counting.ran("block-restart", 1)).isEqualTo(1);
    assertThat(counting.ran("block-restart", 2)).isEqualTo(2);
  }

  @Test
  void liveWorkerWithTheSameIdKeepsItsRun() throws Exception {
    worker("host-a");
    String id = runs.submit(CountingPipeline.NAME, "block-twin");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    StoredRun before = runs.status(id).orElseThrow();

    worker("host-a");

    StoredRun after = runs.status(id).orElseThrow();
    assertThat(after.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.leaseExpiresAt()).isEqualTo(before.leaseExpiresAt());
    counting.release.countDown();
    StoredRun run = runs.await(id, WAIT);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(counting.ran("block-twin", 2)).isEqualTo(1);
  }

  @Test
  void runAnotherWorkerTookOverIsNotTakenBack() throws Exception {
    String id = runs.submit(CountingPipeline.NAME, "taken over");
    HikariDataSource dataSource = fixture.dataSource();
    RunTable table = new RunTable(dataSource, Migrations.migrate(dataSource));
    Instant now = Instant.now();
    List<String> pipelines = List.of(CountingPipeline.NAME);
    // host-a claimed it with an instance that is not running, and its lease ran out ...
    Claim lost = table.claim("host-a", UUID.randomUUID().toString(), pipelines, 1, now,
        now.plusMillis(1)).getFirst();
    Instant later = now.plusSeconds(1);
    // ... so host-b took it over, with an instance that is not running either.
    Claim taken = table.claim("host-b", UUID.randomUUID().toString(), pipelines, 1, later,
        later.plus(HOUR)).getFirst();
    assertThat(taken.attempt()).isEqualTo(lost.attempt() + 1);
    StoredRun before = runs.status(id).orElseThrow();

    worker("host-a");

    StoredRun after = runs.status(id).orElseThrow();
    assertThat(after.leaseOwner()).isEqualTo("host-b");
    assertThat(after.attempts()).isEqualTo(taken.attempt());
    assertThat(after.leaseExpiresAt()).isEqualTo(before.leaseExpiresAt());
  }

  @Test
  void runOfADeadInstanceIsTakenBackEvenIfClaimedLongAgo() throws Exception {
    String id = runs.submit(CountingPipeline.NAME, "orphan");
    HikariDataSource dataSource = fixture.dataSource();
    RunTable table = new RunTable(dataSource, Migrations.migrate(dataSource));
    Instant now = Instant.now();
    table.claim("host-a", UUID.randomUUID().toString(), List.of(CountingPipeline.NAME), 1, now,
        now.plus(HOUR));

    worker("host-b");
    worker("host-a");
    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.attempts()).isEqualTo(2);
    assertThat(counting.ran("orphan", 0)).isEqualTo(1);
  }
}
