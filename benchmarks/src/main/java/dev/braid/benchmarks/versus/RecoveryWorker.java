package dev.braid.benchmarks.versus;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.dbos.transact.DBOS;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * A worker process of the recovery workload: starts one library's worker on a database with a
 * given identity, prints {@value #READY} once it runs, and runs until its standard input closes
 * (then it stops cleanly) or it is killed.
 *
 * <p>Arguments: {@code braid|dbos}, the JDBC URL, the worker's identity (Braid's {@code workerId},
 * DBOS's executor id), the runs it runs at once, the milliseconds each chain step waits, and for
 * Braid the lease in seconds, or {@code default} for {@link WorkerConfig}'s.
 */
final class RecoveryWorker {
  static final String READY = "READY";

  private RecoveryWorker() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      throw new IllegalArgumentException("Usage: RecoveryWorker braid|dbos <jdbc url> <identity>"
          + " <slots> <step millis> <lease seconds|default>; got " + args.length + " arguments");
    }
    Library library = Library.valueOf(args[0].toUpperCase(Locale.ROOT));
    String url = args[1];
    String identity = args[2];
    Shapes shapes = new Shapes(Shapes.COMPARISON.chainSteps(),
        Duration.ofMillis(Long.parseLong(args[4])), Shapes.COMPARISON.branches(),
        Shapes.COMPARISON.branchWork(), Integer.parseInt(args[3]));
    switch (library) {
      case BRAID -> runBraid(url, identity, shapes, args[5]);
      case DBOS -> runDbos(url, identity, shapes);
    }
  }

  private static void runBraid(String url, String identity, Shapes shapes, String lease)
      throws IOException {
    WorkerConfig.Builder config = WorkerConfig.builder().workerId(identity)
        .maxConcurrentRuns(shapes.slots());
    if (!lease.equals("default")) {
      Duration leaseDuration = Duration.ofSeconds(Long.parseLong(lease));
      config.lease(leaseDuration).heartbeat(leaseDuration.dividedBy(3));
    }
    try (HikariDataSource pool = DurableDatabase.postgres(url, DurablePostgres.USER,
        DurablePostgres.PASSWORD)) {
      Worker worker = Worker.start(pool, config.build(),
          BraidPipelines.chain(shapes.chainSteps(), shapes.stepWork(), () -> { }));
      try {
        readyUntilStdinCloses();
      } finally {
        worker.close();
      }
    }
  }

  private static void runDbos(String url, String identity, Shapes shapes) throws IOException {
    DBOS dbos = DbosContender.configure(url, identity, shapes);
    new DbosFlowsImpl(dbos, shapes).register();
    dbos.launch();
    try {
      readyUntilStdinCloses();
    } finally {
      dbos.shutdown();
    }
  }

  private static void readyUntilStdinCloses() throws IOException {
    System.out.println(READY);
    System.out.flush();
    while (System.in.read() >= 0) {
      // Input is only ever closed, never written.
    }
  }
}
