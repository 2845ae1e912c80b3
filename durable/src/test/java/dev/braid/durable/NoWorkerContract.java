package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs of a pipeline that no live worker runs: workers register the pipelines they run while they
 * live, and a submit warns, marking the run, or rejects it, as chosen.
 */
abstract class NoWorkerContract {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final CountingPipeline counting = new CountingPipeline();
  @RegisterExtension
  final DurableFixture fixture = new DurableFixture(this::newDatabase, counting.release);

  abstract HikariDataSource newDatabase() throws Exception;

  private Worker worker(String id, DurablePipeline pipeline) {
    return fixture.startWorker(WorkerConfig.builder().workerId(id)
        .pollInterval(Duration.ofMillis(20)).build(), pipeline);
  }

  @Test
  void aRunNoWorkerRunsIsQueuedWithANoticeThatItsClaimClears() throws Exception {
    String id = fixture.runs().submit(CountingPipeline.NAME, "ticket");

    StoredRun queued = fixture.runs().status(id).orElseThrow();
    assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.notice()).isEqualTo("no worker runs pipeline Counting");

    worker("w1", counting.registration());
    StoredRun run = fixture.runs().await(id, WAIT);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.notice()).isNull();
  }

  @Test
  void aSubmitThatRejectsSuchRunsStoresNothingAndSaysWhy() {
    DurableRuns rejecting = fixture.runs().whenNoWorker(WhenNoWorker.REJECT);

    NoWorkerException thrown = assertThrows(NoWorkerException.class,
        () -> rejecting.submit(CountingPipeline.NAME, "ticket"));

    assertThat(thrown).hasMessageThat().isEqualTo("A run of pipeline 'Counting' was not stored:"
        + " no worker runs pipeline Counting (no worker that registered it has shown it is alive"
        + " within its lease); start a Worker with this pipeline, or submit with"
        + " WhenNoWorker.WARN to queue the run until one starts");
    assertThat(fixture.runs().list(RunFilter.all())).isEmpty();
    assertThrows(NoWorkerException.class, () -> fixture.runs().submit(
        SubmitOptions.defaults().whenNoWorker(WhenNoWorker.REJECT), CountingPipeline.NAME, "t"));
  }

  @Test
  void onlyALiveWorkerOfThePipelineCounts() throws Exception {
    worker("other", DurablePipeline.of(new AskingPipeline().definition()));
    assertThrows(NoWorkerException.class, () -> fixture.runs().whenNoWorker(WhenNoWorker.REJECT)
        .submit(CountingPipeline.NAME, "ticket"));

    Worker running = worker("w1", counting.registration());
    String id = fixture.runs().whenNoWorker(WhenNoWorker.REJECT)
        .submit(CountingPipeline.NAME, "ticket");
    assertThat(fixture.runs().await(id, WAIT).notice()).isNull();

    running.close();
    DurableRuns fresh = DurableRuns.create(fixture.dataSource());
    assertThrows(NoWorkerException.class,
        () -> fresh.whenNoWorker(WhenNoWorker.REJECT).submit(CountingPipeline.NAME, "again"));
  }
}
