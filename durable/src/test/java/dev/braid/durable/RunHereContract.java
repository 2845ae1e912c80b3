package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run submitted where a worker on the same {@code DataSource} has a free slot is stored already
 * claimed by that worker and handed to it, without going through the queue: it is {@code RUNNING}
 * when {@code submit} returns, started the moment it was created. A run the worker has no room
 * for, one not due yet, or one submitted after the worker closed is queued as usual. Run against
 * each supported database by a subclass.
 */
abstract class RunHereContract {
  private static final Duration WAIT = Duration.ofSeconds(30);

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

  private Worker worker(int maxConcurrentRuns) {
    return fixture.startWorker(WorkerConfig.builder().workerId("local")
        .maxConcurrentRuns(maxConcurrentRuns).pollInterval(Duration.ofHours(1)).build(),
        counting.registration());
  }

  @Test
  void runSubmittedBesideAWorkerWithRoomIsHandedToIt() throws Exception {
    worker(2);

    String id = runs.submit(CountingPipeline.NAME, "here");

    StoredRun submitted = runs.status(id).orElseThrow();
    assertThat(submitted.status()).isAnyOf(RunStatus.RUNNING, RunStatus.SUCCEEDED);
    assertThat(submitted.startedAt()).isEqualTo(submitted.createdAt());
    StoredRun run = runs.await(id, WAIT);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.<String>output(run, String.class)).isEqualTo("reply to class of here");
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(counting.ran("here", 0)).isEqualTo(1);
  }

  @Test
  void runAFullWorkerHasNoRoomForIsQueued() throws Exception {
    worker(1);
    String blocking = runs.submit(CountingPipeline.NAME, "block-full");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    String queued = runs.submit(CountingPipeline.NAME, "waits");

    assertThat(runs.status(queued).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    counting.release.countDown();
    assertThat(runs.await(blocking, WAIT).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.await(queued, WAIT).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void runNotDueYetIsQueued() {
    worker(2);

    String later = runs.submit(SubmitOptions.defaults().notBefore(Instant.now().plusSeconds(3600)),
        CountingPipeline.NAME, "later");

    assertThat(runs.status(later).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void runSubmittedAfterTheWorkerClosedIsQueued() {
    worker(2).close();

    String id = runs.submit(CountingPipeline.NAME, "after close");

    assertThat(runs.status(id).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
  }
}
