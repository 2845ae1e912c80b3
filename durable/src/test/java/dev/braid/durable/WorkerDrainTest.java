package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Worker#drainAndClose}: a worker shutting down claims nothing more at once, lets its runs
 * in flight end within the grace period, and puts back in the queue those that did not.
 */
class WorkerDrainTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path directory;
  private final CountingPipeline counting = new CountingPipeline();
  private HikariDataSource dataSource;
  private DurableRuns runs;
  private DurablePipeline pipeline;

  @BeforeEach
  void setUp() {
    dataSource = DurableDatabase.h2(directory);
    runs = DurableRuns.create(dataSource);
    pipeline = counting.registration();
  }

  @AfterEach
  void tearDown() {
    dataSource.close();
  }

  private Worker startWorker() {
    return Worker.start(dataSource, WorkerConfig.builder().maxConcurrentRuns(4)
        .pollInterval(Duration.ofMillis(10)).build(), pipeline);
  }

  @Test
  void aDrainingWorkerFinishesItsRunsAndClaimsNoMore() throws Exception {
    Worker worker = startWorker();
    String blocked = runs.submit(CountingPipeline.NAME, "block me");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Integer> drained =
        CompletableFuture.supplyAsync(() -> worker.drainAndClose(WAIT));
    WorkerPolls.await("the drain stopping the worker's claims", () -> !worker.claiming());
    String later = runs.submit(CountingPipeline.NAME, "later");
    counting.release.countDown();

    assertThat(drained.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(runs.status(blocked).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.status(later).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    assertThat(counting.ran("later", 0)).isEqualTo(0);
  }

  @Test
  void aRunStillInFlightAfterTheGracePeriodGoesBackToTheQueue() throws Exception {
    Worker worker = startWorker();
    String blocked = runs.submit(CountingPipeline.NAME, "block me");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(worker.drainAndClose(Duration.ofMillis(50))).isEqualTo(1);

    assertThat(runs.status(blocked).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    counting.release.countDown();
    try (Worker next = startWorker()) {
      StoredRun finished = runs.await(blocked, WAIT);
      assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
    assertThat(counting.ran("block me", 0)).isEqualTo(1);
  }
}
