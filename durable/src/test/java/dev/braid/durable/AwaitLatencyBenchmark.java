package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.PipelineDefinition;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures how long a short run takes from {@code submit} until {@code await} returns its result,
 * with an idle worker in the same process, on H2 and on an embedded PostgreSQL server, one run at a
 * time. The time a run spends in the queue and in {@code await} beyond its own steps is what this
 * shows: the steps themselves do nothing. Prints a Markdown table of the median and the 90th
 * percentile.
 *
 * <p>Arguments, optional: the number of measured runs per database (300).
 */
final class AwaitLatencyBenchmark {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private AwaitLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    StringBuilder table = new StringBuilder(
        "| database | runs | submit → await returns, median | 90th percentile |\n"
            + "| --- | ---: | ---: | ---: |\n");
    try (HikariDataSource h2 = DurableDatabase.h2(Files.createTempDirectory("braid-await"))) {
      table.append(row("H2", h2, runs));
    }
    try (HikariDataSource postgres = TestDatabases.freshPostgres()) {
      table.append(row("PostgreSQL", postgres, runs));
    }
    System.out.print(table);
    System.exit(0);
  }

  private static String row(String database, HikariDataSource dataSource, int runs)
      throws Exception {
    AskingPipeline asking = new AskingPipeline();
    PipelineDefinition<String> definition = asking.definition();
    DurableRuns queue = DurableRuns.create(dataSource);
    WorkerConfig config = WorkerConfig.builder().maxConcurrentRuns(4)
        .pollInterval(Duration.ofMillis(200)).build();
    try (Worker worker = Worker.start(dataSource, config, definition)) {
      measure(queue, definition, runs / 3);
      double[] millis = measure(queue, definition, runs);
      Arrays.sort(millis);
      return String.format(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms |%n", database, runs,
          millis[millis.length / 2], millis[(int) (millis.length * 0.9)]);
    }
  }

  private static double[] measure(DurableRuns queue, PipelineDefinition<String> definition,
      int runs) throws Exception {
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      String id = queue.submit(definition, "latency " + i, "A-" + i);
      String output = queue.await(definition, id, WAIT).output();
      millis[i] = (System.nanoTime() - start) / 1e6;
      if (!output.equals("reply: refund of order A-" + i)) {
        throw new IllegalStateException("Unexpected output " + output);
      }
    }
    return millis;
  }
}
