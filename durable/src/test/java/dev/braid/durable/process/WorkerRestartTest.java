package dev.braid.durable.process;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.braid.durable.process.DatabaseProbe.eventually;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.process.LedgerPipeline.Execution;
import dev.braid.durable.process.LedgerPipeline.StepKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed with {@code SIGKILL} and started again at once under the same worker id
 * finishes its runs within seconds, well inside their 30 s lease, because it takes back the runs of
 * its dead predecessor instead of waiting for their leases to expire; and no step that had been
 * checkpointed runs again, counted in the ledger the steps write.
 */
class WorkerRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final int RUNS = 6;

  @RegisterExtension static final ProcessTestBed bed = new ProcessTestBed("restart");

  @TempDir Path logs;
  private HikariDataSource database;
  private DurableRuns runs;

  @BeforeEach
  void setUp() {
    database = bed.database();
    runs = bed.runs();
  }

  /** Starts a process of worker {@code host-a} that records its steps as {@code process}. */
  private WorkerProcess hostA(String process, String... options) throws Exception {
    List<String> all = new ArrayList<>(List.of("worker=host-a", "ledgerName=" + process,
        "slots=" + RUNS, "lease=" + LEASE.toMillis(), "heartbeat=10000", "poll=100"));
    all.addAll(List.of(options));
    WorkerProcess started = bed.startWorker(process, logs, all.toArray(String[]::new));
    started.awaitLine("READY", WAIT);
    started.go();
    return started;
  }

  @Test
  void workerKilledAndStartedAgainUnderItsIdFinishesItsRunsWithinSecondsRunningNoStepTwice()
      throws Exception {
    Map<String, String> orderOfRun = new LinkedHashMap<>();
    for (int i = 0; i < RUNS; i++) {
      orderOfRun.put(runs.submit(LedgerPipeline.NAME, "order-" + i), "order-" + i);
    }
    WorkerProcess first = hostA("first", "hang=draft");
    eventually("every run executing its last step, draft", WAIT,
        () -> LedgerPipeline.executions(database).stream()
            .filter(execution -> execution.step().equals("draft")).count() == RUNS,
        first::log);

    long killed = System.nanoTime();
    assertThat(first.kill()).isEqualTo(WorkerProcess.KILLED_BY_SIGKILL);
    WorkerProcess restarted = hostA("restarted");
    for (String id : orderOfRun.keySet()) {
      StoredRun run = runs.await(id, WAIT);
      assertWithMessage("run %s; log of the restarted worker:\n%s", id, restarted.log())
          .that(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
    Duration recovery = Duration.ofNanos(System.nanoTime() - killed);

    // The restarted JVM has to start and connect first; a lease-long wait would take 30 s more.
    assertWithMessage("time from the kill until every run succeeded")
        .that(recovery).isLessThan(LEASE.dividedBy(2));
    for (Map.Entry<String, String> entry : orderOfRun.entrySet()) {
      StoredRun run = runs.status(entry.getKey()).orElseThrow();
      assertThat(runs.<String>output(run, String.class))
          .isEqualTo(LedgerPipeline.expectedOutput(entry.getValue()));
      assertThat(run.attempts()).isEqualTo(2);
    }
    Map<StepKey, List<String>> executed = LedgerPipeline.executions(database).stream()
        .collect(Collectors.groupingBy(Execution::key,
            Collectors.mapping(Execution::worker, Collectors.toList())));
    for (String order : orderOfRun.values()) {
      for (String step : List.of("extract", "classify", "search")) {
        assertWithMessage("processes that executed %s/%s", order, step)
            .that(executed.get(new StepKey(order, step))).containsExactly("first");
      }
      assertWithMessage("processes that executed %s/draft", order)
          .that(executed.get(new StepKey(order, "draft")))
          .containsExactly("first", "restarted").inOrder();
    }
    assertThat(restarted.stop(WAIT)).isEqualTo(0);
  }
}
