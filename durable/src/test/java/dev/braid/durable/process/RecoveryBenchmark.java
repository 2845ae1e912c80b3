package dev.braid.durable.process;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures recovery after a crash: a worker process runs queued {@link LedgerPipeline} runs, is
 * killed with {@code SIGKILL} while every run waits in its last step, and is started again at once
 * under the same worker id. The clock runs from the kill until the last run has succeeded, so it
 * includes the new JVM's start. Leases are 30 s, heartbeats 10 s. Prints a Markdown table.
 *
 * <p>Arguments, optional: the number of runs (8) and of rounds (3).
 */
final class RecoveryBenchmark {
  private static final Duration WAIT = Duration.ofMinutes(2);

  private RecoveryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path logs = Files.createTempDirectory("braid-recovery");
    StringBuilder table = new StringBuilder("| round | runs | lease | kill → all succeeded |\n"
        + "| ---: | ---: | ---: | ---: |\n");
    try (PostgresServer postgres = PostgresServer.start()) {
      for (int round = 1; round <= rounds; round++) {
        double seconds = measure(postgres, runs, logs);
        table.append(String.format(Locale.ROOT, "| %d | %d | 30 s | %.2f s |%n", round, runs,
            seconds));
      }
    }
    System.out.print(table);
  }

  private static double measure(PostgresServer postgres, int runs, Path logs) throws Exception {
    String name = postgres.createDatabase("recovery");
    String[] options = {"slots=" + runs, "lease=30000", "heartbeat=10000", "poll=100"};
    List<WorkerProcess> processes = new ArrayList<>();
    try (HikariDataSource database = postgres.connect(name, "benchmark")) {
      DurableRuns queue = DurableRuns.create(database);
      LedgerPipeline.createLedger(database);
      for (int i = 0; i < runs; i++) {
        queue.submit(LedgerPipeline.NAME, "order-" + i);
      }
      List<String> first = new ArrayList<>(List.of(options));
      first.add("hang=draft");
      WorkerProcess doomed = WorkerProcess.start("host-a", postgres.url(name, "host-a-1"), logs,
          first.toArray(String[]::new));
      processes.add(doomed);
      doomed.awaitLine("READY", WAIT);
      doomed.go();
      DatabaseProbe.eventually("every run in draft", WAIT,
          () -> LedgerPipeline.executions(database).stream()
              .filter(execution -> execution.step().equals("draft")).count() == runs,
          doomed::log);
      long killed = System.nanoTime();
      doomed.kill();
      WorkerProcess restarted = WorkerProcess.start("host-a", postgres.url(name, "host-a-2"),
          logs, options);
      processes.add(restarted);
      restarted.awaitLine("READY", WAIT);
      restarted.go();
      DatabaseProbe.eventually("every run succeeded", WAIT,
          () -> DatabaseProbe.statuses(database).getOrDefault(RunStatus.SUCCEEDED, 0) == runs,
          restarted::log);
      double seconds = (System.nanoTime() - killed) / 1e9;
      Map<RunStatus, Integer> statuses = DatabaseProbe.statuses(database);
      System.err.printf(Locale.ROOT, "recovered %s in %.2f s%n", statuses, seconds);
      restarted.stop(WAIT);
      return seconds;
    } finally {
      for (WorkerProcess process : processes) {
        process.close();
      }
    }
  }
}
