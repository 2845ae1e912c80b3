package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.PipelineDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Measures how long a short run takes from {@code submit} until its await returns, with an idle
 * worker (default {@link WorkerConfig}) in the same process, on H2 and on an embedded PostgreSQL
 * server, one run at a time; and of that, the lag from the moment the worker stored the run's end
 * until the await returned. The steps do nothing, so what shows is the cost of the queue and of
 * waiting.
 *
 * <p>Two ways of waiting are measured in the same run, alternating run by run: {@code await} as
 * it is, woken by signals, beside a baseline that waits as {@code await} did before it had them,
 * reading the run after 10 ms, then twice as long each time up to 500 ms, and submitting through a
 * second pool, so that the worker is not woken by a submit in its own JVM either (on PostgreSQL
 * its {@code NOTIFY} still wakes it, as before). Prints a Markdown table of medians and 90th
 * percentiles.
 *
 * <p>Arguments, optional: the number of measured runs per database and way (200).
 */
final class AwaitLatencyBenchmark {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private AwaitLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    StringBuilder table = new StringBuilder("| database | waiting | runs | submit → await returns,"
        + " median | 90th percentile | run ended → await returns, median | 90th percentile |\n"
        + "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    Path directory = Files.createTempDirectory("braid-await");
    try (HikariDataSource h2 = DurableDatabase.h2(directory);
        HikariDataSource other = DurableDatabase.h2(directory)) {
      table.append(measure("H2", h2, other, runs));
    }
    try (HikariDataSource postgres = TestDatabases.freshPostgres()) {
      HikariDataSource other = new HikariDataSource();
      other.setJdbcUrl(postgres.getJdbcUrl());
      other.setUsername(postgres.getUsername());
      try (other) {
        table.append(measure("PostgreSQL", postgres, other, runs));
      }
    }
    System.out.print(table);
    System.exit(0);
  }

  private static String measure(String database, HikariDataSource dataSource,
      HikariDataSource otherPool, int runs) throws Exception {
    PipelineDefinition<String> definition = new AskingPipeline().definition();
    DurableRuns signalled = DurableRuns.create(dataSource);
    DurableRuns polled = DurableRuns.create(otherPool);
    double[][] signalledTimes = new double[2][runs];
    double[][] polledTimes = new double[2][runs];
    try (Worker worker = Worker.start(dataSource, WorkerConfig.defaults(), definition)) {
      for (int i = -runs / 4; i < runs; i++) { // the first quarter warms up
        measureOne(signalled, definition, i, signalledTimes,
            id -> () -> await(signalled, id));
        measureOne(polled, definition, i, polledTimes, id -> () -> pollAsBefore(polled, id));
      }
    }
    return row(database, "await, signalled", runs, signalledTimes)
        + row(database, "baseline: polling 10 → 500 ms", runs, polledTimes);
  }

  private interface Waiting {
    Supplier<StoredRun> forRun(String id);
  }

  private static void measureOne(DurableRuns runs, PipelineDefinition<String> definition, int i,
      double[][] times, Waiting waiting) {
    long start = System.nanoTime();
    String id = runs.submit(definition, "latency " + i, "A-" + i);
    StoredRun run = waiting.forRun(id).get();
    Instant returned = Instant.now();
    long end = System.nanoTime();
    if (run.status() != RunStatus.SUCCEEDED || run.finishedAt() == null) {
      throw new IllegalStateException("Run " + id + " did not succeed: " + run);
    }
    if (i >= 0) {
      times[0][i] = (end - start) / 1e6;
      times[1][i] = Duration.between(run.finishedAt(), returned).toNanos() / 1e6;
    }
  }

  private static StoredRun await(DurableRuns runs, String id) {
    try {
      return runs.await(id, WAIT);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits as {@code await} did before it was woken by signals. */
  private static StoredRun pollAsBefore(DurableRuns runs, String id) {
    long pause = 10;
    try {
      while (true) {
        StoredRun run = runs.status(id).orElseThrow();
        if (run.status().isTerminal()) {
          return run;
        }
        Thread.sleep(pause + 1);
        pause = Math.min(pause * 2, 500);
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String row(String database, String waiting, int runs, double[][] times) {
    double[] total = times[0].clone();
    double[] lag = times[1].clone();
    Arrays.sort(total);
    Arrays.sort(lag);
    return String.format(Locale.ROOT, "| %s | %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n",
        database, waiting, runs, total[runs / 2], total[(int) (runs * 0.9)], lag[runs / 2],
        lag[(int) (runs * 0.9)]);
  }
}
