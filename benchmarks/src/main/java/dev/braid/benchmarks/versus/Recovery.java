package dev.braid.benchmarks.versus;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * How one recovery went: from the kill until every run had succeeded, until the runs in flight
   * at the kill had, and until the new worker process was ready to work (JVM and library
   * start-up).
   */
  record Result(Duration took, Duration inFlightDone, Duration restarted, int inFlightAtKill,
      long succeededAtKill, int runs) {}

  /**
   * Queues {@code runs} chains whose steps each wait {@code stepWork}, kills the worker once
   * {@code killAfter} have succeeded, restarts it, and returns the times from the kill until the
   * runs it had in flight have succeeded, and until all have.
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
      Array inFlight = monitor.createArrayOf("text",
          ids(monitor, library.runningChainsQuery).toArray());
      int inFlightCount = ((Object[]) inFlight.getArray()).length;
      try (WorkerProcess second = WorkerProcess.start(arguments)) {
        second.awaitReady(START_TIMEOUT);
        Duration restarted = Duration.ofNanos(System.nanoTime() - killedAt);
        @Nullable Duration inFlightDone = null;
        while (true) {
          long succeeded = Workloads.count(monitor, library.succeededChainsQuery);
          if (inFlightDone == null && succeededAmong(monitor, library, inFlight) == inFlightCount) {
            inFlightDone = Duration.ofNanos(System.nanoTime() - killedAt);
          }
          if (succeeded >= runs && inFlightDone != null) {
            Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
            if (succeeded != runs) {
              throw new IllegalStateException(library.displayName + " ended with " + succeeded
                  + " succeeded runs of " + runs + " queued");
            }
            return new Result(took, inFlightDone, restarted, inFlightCount, succeededAtKill,
                runs);
          }
          checkTime(killedAt, library, succeeded, runs, second);
          Thread.sleep(CHECK_MILLIS);
        }
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
      checkTime(start, library, succeeded, count, worker);
      Thread.sleep(CHECK_MILLIS);
    }
  }

  private static void checkTime(long start, Library library, long succeeded, int count,
      WorkerProcess worker) {
    if (System.nanoTime() - start > FINISH_TIMEOUT.toNanos()) {
      throw new IllegalStateException(library.displayName + " had " + succeeded + " of "
          + count + " runs succeeded after " + FINISH_TIMEOUT + "; worker output:\n"
          + worker.log());
    }
  }

  private static List<String> ids(Connection monitor, String query) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement statement = monitor.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        ids.add(result.getString(1));
      }
    }
    return ids;
  }

  private static long succeededAmong(Connection monitor, Library library, Array ids)
      throws SQLException {
    try (PreparedStatement statement = monitor.prepareStatement(library.succeededAmongQuery)) {
      statement.setArray(1, ids);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
