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
 * Measures how fast one worker process and two worker processes drain the same number of queued
 * {@link LedgerPipeline} runs from one embedded PostgreSQL server, in the same program run, and
 * prints a Markdown table with the ratio. Each measurement gets a fresh database and fresh worker
 * JVMs; the clock starts when the workers, already connected, are told to go, and stops when the
 * last run has succeeded. Every configuration is measured twice, once in each order, and the table
 * shows the better of the two for each worker count, so that a neighbour's load on a shared
 * machine hurts less.
 *
 * <p>Arguments, all optional: the number of runs (1,000), runs at once per worker (8), and the
 * latencies of a step in milliseconds to measure (0 and 50). With no latency the workers compete
 * for the CPU and the database; with latency they mostly wait, as on model calls, and a second
 * worker adds slots.
 *
 * <p>Progress goes to standard error, the table to standard output.
 */
final class ScaleOutBenchmark {
  private static final Duration WAIT = Duration.ofMinutes(10);

  private ScaleOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int slots = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    List<Integer> latencies = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      latencies.add(Integer.parseInt(args[i]));
    }
    if (latencies.isEmpty()) {
      latencies = List.of(0, 50);
    }
    Path logs = Files.createTempDirectory("braid-scale-out");
    StringBuilder table = new StringBuilder()
        .append("| step latency | runs | slots per worker | 1 worker (runs/s)"
            + " | 2 workers (runs/s) | 2 workers ÷ 1 |\n")
        .append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
    try (PostgresServer postgres = PostgresServer.start()) {
      System.err.print("Warm-up of the server: ");
      measure(postgres, 1, Math.min(runs, 200), slots, 0, logs);
      for (int latency : latencies) {
        double one = 0;
        double two = 0;
        for (int workers : new int[] {1, 2, 2, 1}) {
          double rate = measure(postgres, workers, runs, slots, latency, logs);
          if (workers == 1) {
            one = Math.max(one, rate);
          } else {
            two = Math.max(two, rate);
          }
        }
        table.append(String.format(Locale.ROOT, "| %d ms | %,d | %d | %.0f | %.0f | %.2f |%n",
            latency, runs, slots, one, two, two / one));
      }
    }
    System.out.print(table);
  }

  /** Drains {@code runs} queued runs with {@code workers} processes; runs per second. */
  private static double measure(PostgresServer postgres, int workers, int runs, int slots,
      int latency, Path logs) throws Exception {
    String name = postgres.createDatabase("bench");
    List<WorkerProcess> processes = new ArrayList<>();
    try (HikariDataSource database = postgres.connect(name, "benchmark")) {
      DurableRuns queue = DurableRuns.create(database);
      LedgerPipeline.createLedger(database);
      for (int i = 1; i <= workers; i++) {
        processes.add(WorkerProcess.start(name + "-worker-" + i,
            postgres.url(name, "worker-" + i), logs, "slots=" + slots, "lease=60000",
            "heartbeat=5000", "poll=20", "latency=" + latency));
      }
      for (int i = 0; i < runs; i++) {
        queue.submit(LedgerPipeline.NAME, "order-" + i);
      }
      for (WorkerProcess process : processes) {
        process.awaitLine("READY", WAIT);
      }
      long start = System.nanoTime();
      for (WorkerProcess process : processes) {
        process.go();
      }
      while (true) {
        Map<RunStatus, Integer> statuses = DatabaseProbe.statuses(database);
        if (statuses.getOrDefault(RunStatus.SUCCEEDED, 0) == runs) {
          break;
        }
        if (statuses.containsKey(RunStatus.FAILED) || System.nanoTime() - start > WAIT.toNanos()) {
          throw new IllegalStateException("The drain went wrong: " + statuses + "; log:\n"
              + processes.getFirst().log());
        }
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int executions = LedgerPipeline.executions(database).size();
      if (executions != runs * LedgerPipeline.STEPS.size()) {
        throw new IllegalStateException("Expected each step of each run to execute once, but"
            + " the ledger has " + executions + " executions for " + runs + " runs");
      }
      for (WorkerProcess process : processes) {
        process.stop(WAIT);
      }
      double rate = runs / seconds;
      System.err.printf(Locale.ROOT, "%d worker(s), step latency %d ms: %,d runs in %.2f s,"
          + " %.0f runs/s%n", workers, latency, runs, seconds, rate);
      return rate;
    } finally {
      for (WorkerProcess process : processes) {
        process.close();
      }
    }
  }
}
