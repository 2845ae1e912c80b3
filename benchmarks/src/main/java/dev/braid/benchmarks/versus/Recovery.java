package dev.braid.benchmarks.versus;

import java.sql.Connection;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The recovery workload: a worker process drains queued chains whose steps wait, is SIGKILLed
 * once some have succeeded, and is started again at once with the same identity; the time from
 * the kill until every run has succeeded is what a user waits for. A library that recognises its
 * own identity can recover the dead process's runs at once; one that cannot waits until their
 * lease expires.
 */
final class Recovery {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(5);
  private static final long CHECK_MILLIS = 10;

  private final DurablePostgres postgres;
  private final String identity;
  private final @Nullable Duration braidLease;

  /**
   * @param identity the identity both worker processes run with
   * @param braidLease the lease of Braid's workers, or null for their default
   */
  Recovery(DurablePostgres postgres, String identity, @Nullable Duration braidLease) {
    this.postgres = postgres;
    this.identity = identity;
    this.braidLease = braidLease;
  }

  /** How one recovery went. */
  record Result(Duration took, long succeededAtKill, int runs) {}

  /**
   * Queues {@code runs} chains whose steps each wait {@code stepWork}, kills the worker once
   * {@code killAfter} have succeeded, restarts it, and returns the time from the kill until all
   * have succeeded.
   */
  Result measure(Library library, String database, int runs, int killAfter, Duration stepWork)
      throws Exception {
    postgres.createDatabase(database);
    String url = postgres.countedUrl(database, "recovery-" + library.tag);
    String[] arguments = {library.tag, url, identity,
        Integer.toString(Shapes.COMPARISON.slots()), Long.toString(stepWork.toMillis()),
        braidLease == null ? "default" : Long.toString(braidLease.toSeconds())};
    try (Connection monitor = postgres.monitor(database)) {
      long killedAt;
      long succeededAtKill;
      // Every run is queued before the first worker starts, so that it is mid-drain when killed.
      library.submitFromOutside(url, runs);
      try (WorkerProcess first = WorkerProcess.start(arguments)) {
        first.awaitReady(START_TIMEOUT);
        succeededAtKill = awaitSucceeded(monitor, library, killAfter, first);
        killedAt = System.nanoTime();
        first.kill();
      }
      try (WorkerProcess second = WorkerProcess.start(arguments)) {
        awaitSucceeded(monitor, library, runs, second);
        Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
        long succeeded = Workloads.count(monitor, library.succeededChainsQuery);
        if (succeeded != runs) {
          throw new IllegalStateException(library.displayName + " ended with " + succeeded
              + " succeeded runs of " + runs + " queued");
        }
        return new Result(took, succeededAtKill, runs);
      }
    }
  }

  /** Waits until at least {@code count} chains have succeeded; how many had. */
  private static long awaitSucceeded(Connection monitor, Library library, int count,
      WorkerProcess worker) throws Exception {
    long start = System.nanoTime();
    while (true) {
      long succeeded = Workloads.count(monitor, library.succeededChainsQuery);
      if (succeeded >= count) {
        return succeeded;
      }
      if (System.nanoTime() - start > FINISH_TIMEOUT.toNanos()) {
        throw new IllegalStateException(library.displayName + " had " + succeeded + " of "
            + count + " runs succeeded after " + FINISH_TIMEOUT + "; worker output:\n"
            + worker.log());
      }
      Thread.sleep(CHECK_MILLIS);
    }
  }
}
