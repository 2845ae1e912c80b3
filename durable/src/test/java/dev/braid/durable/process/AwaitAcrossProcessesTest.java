package dev.braid.durable.process;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.braid.durable.DurableRuns;
import dev.braid.durable.DurableRunsForTests;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL, {@code await} wakes when a worker in another process ends the run, through {@code
 * NOTIFY braid_runs_ended}, and that worker claims each submitted run through {@code NOTIFY
 * braid_runs_queued}. Both sides here poll only once an hour, and nothing in this JVM runs runs, so
 * each run is awaited before the await's timeout only if both notifications arrive.
 */
class AwaitAcrossProcessesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration HOUR = Duration.ofHours(1);

  @RegisterExtension static final ProcessTestBed bed = new ProcessTestBed("await");

  @TempDir Path logs;
  private WorkerProcess worker;

  @BeforeEach
  void setUp() throws Exception {
    worker = bed.startWorker("worker", logs, "poll=" + HOUR.toMillis());
    worker.awaitLine("READY", WAIT);
    worker.go();
    worker.awaitLine("STARTED", WAIT);
  }

  @Test
  void awaitWakesWhenAWorkerInAnotherProcessEndsTheRun() throws Exception {
    DurableRuns runs = DurableRunsForTests.pollingAwaitEvery(bed.database(), HOUR);
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      String id = runs.submit(LedgerPipeline.NAME, "order-" + i);

      StoredRun run = runs.await(id, WAIT);

      assertWithMessage("run %s; log of the worker:\n%s", i, worker.log())
          .that(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(runs.<String>output(run, String.class))
          .isEqualTo(LedgerPipeline.expectedOutput("order-" + i));
      // Unwoken, await would read the run for the last time at its timeout, and find it done.
      assertWithMessage("time to await run %s", i)
          .that(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
    }
    assertThat(worker.stop(WAIT)).isEqualTo(0);
  }
}
