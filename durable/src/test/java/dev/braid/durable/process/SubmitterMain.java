package dev.braid.durable.process;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.DurableStoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The main class of a submitter process: queues {@link LedgerPipeline} runs, one after another,
 * until it is killed or its standard input ends. It prints {@code READY} once connected, and
 * {@code SUBMITTED <run id> <order key>} as soon as each {@link DurableRuns#submit} has returned,
 * so the test that started it knows every run the database acknowledged. A submit that fails is
 * logged to standard error and not printed.
 *
 * <p>Arguments are {@code name=value} pairs: {@code name} (required; the order keys are {@code
 * <name>-<n>}), {@code url} or {@code h2} as for {@link WorkerMain}, and {@code pause}
 * (milliseconds between submits).
 */
final class SubmitterMain {
  private SubmitterMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = WorkerMain.options(args);
    String name = WorkerMain.required(options, "name");
    Duration pause = Duration.ofMillis(Long.parseLong(options.getOrDefault("pause", "20")));
    Thread.ofPlatform().daemon().start(SubmitterMain::exitWhenInputEnds);
    try (HikariDataSource database = WorkerMain.open(options)) {
      DurableRuns runs = DurableRuns.create(database);
      OutputLines.print("READY");
      for (int n = 1; ; n++) {
        String order = name + "-" + n;
        try {
          OutputLines.print("SUBMITTED " + runs.submit(LedgerPipeline.NAME, order) + " " + order);
        } catch (DurableStoreException e) {
          System.err.println("Could not submit " + order + ": " + e + ", caused by "
              + e.getCause());
        }
        Thread.sleep(pause);
      }
    }
  }

  private static void exitWhenInputEnds() {
    try {
      while (System.in.read() >= 0) {
        // Nothing to read but the end.
      }
    } catch (IOException e) {
      // The parent is gone either way.
    }
    System.exit(0);
  }
}
