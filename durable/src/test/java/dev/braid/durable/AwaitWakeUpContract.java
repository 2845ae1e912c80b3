package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.PipelineDefinition;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A submit hands a run to an idle worker of the same process, a resume wakes it, and the end of a
 * run wakes whoever awaits it, without polling: here the worker polls once an hour and {@code
 * await} reads its run at most once an hour when no signal comes, so each run of the test is
 * awaited before the await's timeout only if the signals work. Run against each supported
 * database by a subclass.
 */
abstract class AwaitWakeUpContract {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AskingPipeline asking = new AskingPipeline();
  private final PipelineDefinition<String> definition = asking.definition();
  private HikariDataSource dataSource;
  private DurableRuns runs;
  private Worker worker;

  /** A fresh, empty database for one test. */
  abstract HikariDataSource newDatabase() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = newDatabase();
    runs = DurableRuns.create(dataSource, QueueLimit.none(), HOUR, HOUR);
    worker = Worker.start(dataSource, WorkerConfig.builder().pollInterval(HOUR).build(),
        definition);
  }

  @AfterEach
  void tearDown() {
    worker.close();
    dataSource.close();
  }

  @Test
  void eachRunOfASequenceIsClaimedAndAwaitedWithoutPolling() throws Exception {
    // Handed to the worker, which has room, or found by its first poll; never polled for.
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      String id = runs.submit(definition, "woken " + i, "A-" + i);

      assertThat(runs.await(definition, id, WAIT).output())
          .isEqualTo("reply: refund of order A-" + i);
      // Unwoken, await would read the run for the last time at its timeout, and find it done.
      assertWithMessage("time to await run %s", i)
          .that(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
    }
  }

  @Test
  void aResumedRunWakesTheWorkerAndItsAwait() throws Exception {
    String id = runs.submit(definition, "asks first", null);
    assertThat(runs.await(definition, id, WAIT).stoppedEarly()).isTrue();
    long start = System.nanoTime();

    // A resume queues the run again: only the signal of the queue wakes the worker.
    runs.resume(definition, id, "asks first", "A-2");

    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-2");
    assertWithMessage("time to await the resumed run")
        .that(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
  }
}
