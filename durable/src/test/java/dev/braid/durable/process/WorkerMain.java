package dev.braid.durable.process;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurablePipeline;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.RateLimit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The main class of a worker process: connects to the PostgreSQL or H2 database its arguments
 * name and drains the queue of {@link LedgerPipeline} runs with one {@link Worker} until its
 * standard input ends.
 *
 * <p>It talks with the process that started it in lines: it prints {@code READY} once connected,
 * starts the worker only when it reads {@code GO} (so that several processes start draining
 * together, after their JVMs have started), prints {@code STARTED}, and prints {@code STOPPED}
 * after {@link Worker#close()} once its input ends. The end of its input is also how it notices
 * that its parent died. The worker logs to standard error.
 *
 * <p>Arguments are {@code name=value} pairs: {@code worker} (required), {@code url} (a PostgreSQL
 * database) or {@code h2} (the directory of {@link DurableDatabase#h2(java.nio.file.Path)}),
 * {@code slots} (runs at once), {@code lease}, {@code heartbeat} and {@code poll} (milliseconds),
 * {@code attempts} (the claims a run may have), {@code latency} (milliseconds each step takes),
 * {@code hang} (a step whose first execution for each order waits until interrupted), {@code
 * ledger}: {@code table} (the default) or {@code stdout}, which prints the ledger's lines and,
 * through {@link CheckpointWitness}, a line for each checkpoint the database acknowledged, and
 * {@code ledgerName} (the name the steps record in the ledger table; the worker id by default),
 * {@code pipeline}: {@code ledger} (the default) or {@code calling}, which runs {@link
 * CallingPipeline} instead, and {@code rpm}, a limit on that pipeline's model in requests per
 * minute, shared by every worker that sets it.
 */
final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String worker = required(options, "worker");
    WorkerConfig.Builder builder = WorkerConfig.builder()
        .workerId(worker)
        .maxConcurrentRuns(Integer.parseInt(options.getOrDefault("slots", "4")))
        .lease(millis(options, "lease", 30_000))
        .heartbeat(millis(options, "heartbeat", 10_000))
        .pollInterval(millis(options, "poll", 100))
        .maxAttempts(Integer.parseInt(options.getOrDefault("attempts", "3")));
    if (options.containsKey("rpm")) {
      builder.rateLimit(RateLimit.model(CallingPipeline.MODEL)
          .requestsPerMinute(Long.parseLong(options.get("rpm"))));
    }
    WorkerConfig config = builder.build();
    BufferedReader commands = new BufferedReader(
        new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (HikariDataSource database = open(options)) {
      LedgerPipeline.Work work =
          LedgerPipeline.hangingFirstTime(options.get("hang"), millis(options, "latency", 0));
      boolean printing = options.getOrDefault("ledger", "table").equals("stdout");
      LedgerPipeline pipeline = printing
          ? new LedgerPipeline(LedgerPipeline.Ledger.printing(), work)
          : new LedgerPipeline(database, options.getOrDefault("ledgerName", worker), work);
      DataSource runs = printing ? new CheckpointWitness(database) : database;
      System.out.println("READY");
      if (!"GO".equals(commands.readLine())) {
        return;
      }
      DurablePipeline registration = options.getOrDefault("pipeline", "ledger").equals("calling")
          ? CallingPipeline.registration(database, worker) : pipeline.registration();
      try (Worker running = Worker.start(runs, config, registration)) {
        System.out.println("STARTED");
        while (commands.readLine() != null) {
          // Runs until the parent closes our input or dies.
        }
      }
      System.out.println("STOPPED");
    }
  }

  /** The database named by {@code url} (PostgreSQL) or {@code h2} (a directory). */
  static HikariDataSource open(Map<String, String> options) {
    String h2 = options.get("h2");
    return h2 != null ? DurableDatabase.h2(Path.of(h2))
        : DurableDatabase.postgres(required(options, "url"), "postgres", "");
  }

  /** The {@code name=value} pairs of {@code args}. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("Expected name=value, got '" + arg + "'");
      }
      options.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    return options;
  }

  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("Missing argument " + name + "=…");
    }
    return value;
  }

  private static Duration millis(Map<String, String> options, String name, long fallback) {
    return Duration.ofMillis(Long.parseLong(options.getOrDefault(name, Long.toString(fallback))));
  }
}
