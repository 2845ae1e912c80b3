package dev.braid.durable.process;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.braid.durable.process.DatabaseProbe.eventually;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunFilter;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.process.LedgerPipeline.Execution;
import dev.braid.durable.process.LedgerPipeline.StepKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker processes drain one PostgreSQL queue of 1,000 runs together. Every run must succeed
 * once and every step of it execute once, as counted by the steps' own ledger: claiming with
 * {@code SKIP LOCKED} must neither hand a run to both workers nor lose one. How fast they drain is
 * measured by {@link ScaleOutBenchmark}, not asserted here.
 */
class ScaleOutTest {
  private static final int RUNS = 1_000;
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Far longer than the drain, so that no run is taken over and each step runs exactly once. */
  private static final String[] CONFIG =
      {"slots=8", "lease=60000", "heartbeat=5000", "poll=20"};

  @RegisterExtension static final ProcessTestBed bed = new ProcessTestBed("scale");

  @TempDir Path logs;

  @Test
  void twoWorkerProcessesDrainAThousandRunsEachExactlyOnce() throws Exception {
    HikariDataSource database = bed.database();
    DurableRuns runs = bed.runs();
    // The JVMs start while the runs are submitted; neither claims before it is told to go.
    WorkerProcess first = bed.startWorker("first", logs, CONFIG);
    WorkerProcess second = bed.startWorker("second", logs, CONFIG);
    Map<String, String> orderOfRun = new HashMap<>();
    for (int i = 0; i < RUNS; i++) {
      String order = "order-" + i;
      orderOfRun.put(runs.submit(LedgerPipeline.NAME, order), order);
    }
    first.awaitLine("READY", WAIT);
    second.awaitLine("READY", WAIT);
    first.go();
    second.go();

    eventually("every run succeeded", Duration.ofSeconds(180),
        () -> DatabaseProbe.statuses(database).getOrDefault(RunStatus.SUCCEEDED, 0) == RUNS,
        () -> "statuses " + statuses(database) + "; log of first:\n" + first.log()
            + "\nlog of second:\n" + second.log());

    List<StoredRun> stored = runs.list(RunFilter.all().limit(RUNS + 1));
    assertThat(stored).hasSize(RUNS);
    for (StoredRun run : stored) {
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertWithMessage("claims of run %s", run.id()).that(run.attempts()).isEqualTo(1);
      assertThat(runs.<String>output(run, String.class))
          .isEqualTo(LedgerPipeline.expectedOutput(orderOfRun.get(run.id())));
    }
    List<Execution> executions = LedgerPipeline.executions(database);
    Map<StepKey, Long> timesExecuted = executions.stream()
        .collect(groupingBy(Execution::key, counting()));
    assertThat(timesExecuted).hasSize(RUNS * LedgerPipeline.STEPS.size());
    assertThat(Set.copyOf(timesExecuted.values())).containsExactly(1L);
    for (String order : orderOfRun.values()) {
      for (String step : LedgerPipeline.STEPS) {
        assertThat(timesExecuted).containsKey(new StepKey(order, step));
      }
    }
    Map<String, Long> byWorker = executions.stream()
        .collect(groupingBy(Execution::worker, counting()));
    assertWithMessage("steps executed by each worker").that(byWorker.keySet())
        .containsExactly("first", "second");

    assertThat(first.stop(WAIT)).isEqualTo(0);
    assertThat(second.stop(WAIT)).isEqualTo(0);
  }

  private static String statuses(HikariDataSource database) {
    try {
      return DatabaseProbe.statuses(database).toString();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
