package dev.braid.durable.process;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.braid.durable.process.DatabaseProbe.eventually;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.process.LedgerPipeline.Execution;
import dev.braid.durable.process.LedgerPipeline.StepKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed with {@code SIGKILL} in the middle of its runs, as by the kernel's
 * out-of-memory killer or a machine that vanishes: no shutdown hook, no {@code close()}, no last
 * write. Another worker process takes its runs over once their leases expire and finishes them from
 * their checkpoints, so the steps that had finished are not executed again. The proof is the ledger
 * the steps themselves append to in the same database, which survives the kill.
 *
 * <p>The workers share an embedded PostgreSQL server. H2 cannot stand in: its file database is
 * locked by the one process that opens it.
 */
class ProcessCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /**
   * Short leases, so that a takeover comes four seconds after the kill, yet ten heartbeats long,
   * so that a live worker on a loaded machine does not lose a run it holds and claim it again.
   */
  private static final String[] LEASES = {"lease=4000", "heartbeat=400", "poll=50"};

  @RegisterExtension static final ProcessTestBed bed = new ProcessTestBed("crash");

  @TempDir Path logs;
  private HikariDataSource database;
  private DurableRuns runs;

  @BeforeEach
  void setUp() {
    database = bed.database();
    runs = bed.runs();
  }

  private WorkerProcess worker(String worker, String... options) throws Exception {
    List<String> all = new ArrayList<>(List.of(LEASES));
    all.addAll(List.of(options));
    WorkerProcess process = bed.startWorker(worker, logs, all.toArray(String[]::new));
    process.awaitLine("READY", WAIT);
    process.go();
    process.awaitLine("STARTED", WAIT);
    return process;
  }

  /** Submits a run per order key; the order key of each run id, in submission order. */
  private Map<String, String> submit(List<String> orders) {
    Map<String, String> orderOfRun = new LinkedHashMap<>();
    for (String order : orders) {
      orderOfRun.put(runs.submit(LedgerPipeline.NAME, order), order);
    }
    return orderOfRun;
  }

  private Map<StepKey, List<String>> workersByStep() throws Exception {
    return LedgerPipeline.executions(database).stream()
        .collect(groupingBy(Execution::key, mapping(Execution::worker, toList())));
  }

  @Test
  void runsKilledMidStepResumeInAnotherProcessWithoutRepeatingTheirFinishedSteps()
      throws Exception {
    Map<String, String> orderOfRun = submit(List.of("order-1", "order-2", "order-3"));
    WorkerProcess doomed = worker("doomed", "slots=3", "hang=draft");
    eventually("every run executing its last step, draft", WAIT,
        () -> workersByStep().keySet().stream().filter(key -> key.step().equals("draft"))
            .count() == 3,
        () -> "executions " + orError(this::workersByStep) + "; log of doomed:\n"
            + doomed.log());
    // A step is checkpointed before the steps that depend on it may start.
    Set<StepKey> finished = new HashSet<>();
    for (String order : orderOfRun.values()) {
      for (String step : List.of("extract", "classify", "search")) {
        finished.add(new StepKey(order, step));
      }
    }
    assertThat(DatabaseProbe.checkpoints(database, orderOfRun)).isEqualTo(finished);

    assertWithMessage("exit status of a JVM killed by Process.destroyForcibly()")
        .that(doomed.kill()).isEqualTo(WorkerProcess.KILLED_BY_SIGKILL);
    bed.server().awaitNoSessions("doomed", WAIT);
    assertThat(DatabaseProbe.checkpoints(database, orderOfRun)).isEqualTo(finished);
    for (String id : orderOfRun.keySet()) {
      StoredRun orphan = runs.status(id).orElseThrow();
      assertThat(orphan.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(orphan.leaseOwner()).isEqualTo("doomed");
    }

    WorkerProcess survivor = worker("survivor", "slots=3");
    for (Map.Entry<String, String> run : orderOfRun.entrySet()) {
      StoredRun done = runs.await(run.getKey(), WAIT);
      assertWithMessage("run of %s; log of survivor:\n%s", run.getValue(), survivor.log())
          .that(done.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(runs.<String>output(done, String.class))
          .isEqualTo(LedgerPipeline.expectedOutput(run.getValue()));
      assertThat(done.attempts()).isEqualTo(2);
    }
    Map<StepKey, List<String>> executed = workersByStep();
    for (String order : orderOfRun.values()) {
      assertThat(executed.get(new StepKey(order, "extract"))).containsExactly("doomed");
      assertThat(executed.get(new StepKey(order, "classify"))).containsExactly("doomed");
      assertThat(executed.get(new StepKey(order, "search"))).containsExactly("doomed");
      assertThat(executed.get(new StepKey(order, "draft")))
          .containsExactly("doomed", "survivor").inOrder();
    }
    assertThat(survivor.stop(WAIT)).isEqualTo(0);
  }

  /**
   * Kills a worker at whatever point of a busy drain it has reached, mid-claim, mid-step or
   * mid-checkpoint. Whatever had been checkpointed when it died must not run again, and every run
   * must still succeed.
   */
  @Test
  void workerKilledAnywhereInADrainLosesNoRunAndRepeatsNoCheckpointedStep() throws Exception {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      orders.add("drain-" + i);
    }
    Map<String, String> orderOfRun = submit(orders);
    WorkerProcess doomed = worker("doomed", "slots=4", "latency=20");
    eventually("20 runs succeeded", WAIT,
        () -> DatabaseProbe.statuses(database).getOrDefault(RunStatus.SUCCEEDED, 0) >= 20,
        () -> "statuses " + orError(() -> DatabaseProbe.statuses(database))
            + "; log of doomed:\n" + doomed.log());

    assertThat(doomed.kill()).isEqualTo(WorkerProcess.KILLED_BY_SIGKILL);
    bed.server().awaitNoSessions("doomed", WAIT);
    Set<StepKey> checkpointedAtKill = DatabaseProbe.checkpoints(database, orderOfRun);
    Set<String> succeededAtKill = new HashSet<>();
    Set<String> runningAtKill = new HashSet<>();
    for (String id : orderOfRun.keySet()) {
      RunStatus status = runs.status(id).orElseThrow().status();
      if (status == RunStatus.SUCCEEDED) {
        succeededAtKill.add(id);
      } else if (status == RunStatus.RUNNING) {
        runningAtKill.add(id);
      }
    }
    assertWithMessage("runs in flight when the worker was killed").that(runningAtKill).isNotEmpty();

    WorkerProcess survivor = worker("survivor", "slots=4");
    for (Map.Entry<String, String> run : orderOfRun.entrySet()) {
      StoredRun done = runs.await(run.getKey(), WAIT);
      assertWithMessage("run of %s; log of survivor:\n%s", run.getValue(), survivor.log())
          .that(done.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(runs.<String>output(done, String.class))
          .isEqualTo(LedgerPipeline.expectedOutput(run.getValue()));
      int expectedAttempts = runningAtKill.contains(run.getKey()) ? 2 : 1;
      assertWithMessage("claims of the run of %s", run.getValue())
          .that(done.attempts()).isEqualTo(expectedAttempts);
    }
    Map<StepKey, List<String>> executed = workersByStep();
    for (String id : orderOfRun.keySet()) {
      String order = orderOfRun.get(id);
      for (String step : LedgerPipeline.STEPS) {
        StepKey key = new StepKey(order, step);
        List<String> workers = executed.get(key);
        assertWithMessage("workers that executed %s", key).that(workers).isNotNull();
        if (checkpointedAtKill.contains(key) || succeededAtKill.contains(id)) {
          assertWithMessage("workers that executed %s", key).that(workers)
              .containsExactly("doomed");
        } else {
          // Not checkpointed: it may have started on the killed worker, and runs on the survivor.
          assertWithMessage("workers that executed %s", key).that(workers)
              .isAnyOf(List.of("survivor"), List.of("doomed", "survivor"));
        }
      }
    }
    assertThat(survivor.stop(WAIT)).isEqualTo(0);
  }

  private static String orError(Callable<?> read) {
    try {
      return String.valueOf(read.call());
    } catch (Exception e) {
      return e.toString();
    }
  }
}
