package dev.braid.benchmarks.versus;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs the in-process workloads on one contender and measures them the same way for each: the
 * clock is this thread's, the end of a drain is read from the contender's tables over a connection
 * of its own that no count includes, and each single run or fan-out is timed from submit until its
 * result is read through the contender's API.
 */
final class Workloads {
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
  private static final long DRAIN_CHECK_MILLIS = 5;

  private final DurablePostgres postgres;
  private int nextInput;

  Workloads(DurablePostgres postgres) {
    this.postgres = postgres;
  }

  /** A drain: how long {@code runs} queued chains took, and what they sent. */
  record Drain(int runs, Duration took, WireCountingSocketFactory.Wire wire) {
    double runsPerSecond() {
      return runs / (took.toNanos() / 1e9);
    }
  }

  /** Runs one at a time: each one's time, and what they all sent. */
  record Latencies(double[] millis, WireCountingSocketFactory.Wire wire) {
    double median() {
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      int middle = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
  }

  /**
   * Queues {@code runs} chains at once and waits until none is left queued or running; then checks
   * that each of them succeeded.
   */
  Drain drain(Contender contender, int runs) throws Exception {
    try (Connection monitor = postgres.monitor(contender.database())) {
      long succeededBefore = count(monitor, contender.succeededRunsQuery());
      WireCountingSocketFactory.Wire before = contender.wire();
      long start = System.nanoTime();
      contender.submitChains(nextInput, runs);
      nextInput += runs;
      while (count(monitor, contender.activeRunsQuery()) > 0) {
        if (System.nanoTime() - start > DRAIN_TIMEOUT.toNanos()) {
          throw new IllegalStateException(contender.name() + " did not drain " + runs
              + " queued chains within " + DRAIN_TIMEOUT);
        }
        Thread.sleep(DRAIN_CHECK_MILLIS);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      WireCountingSocketFactory.Wire wire = contender.wire().minus(before);
      long succeeded = count(monitor, contender.succeededRunsQuery()) - succeededBefore;
      if (succeeded != runs) {
        throw new IllegalStateException(contender.name() + " drained " + runs
            + " queued chains, but " + succeeded + " of them succeeded");
      }
      return new Drain(runs, took, wire);
    }
  }

  /** What one run at a time waits for. */
  enum Until {
    /** The run's outcome is committed. */
    STORED,
    /** The library's API hands its result to the caller who submitted it. */
    READ
  }

  /**
   * Runs {@code samples} chains one after another until each is stored, and as many until the
   * submitter reads each, taking turns, so that both see the same conditions.
   */
  Map<Until, Latencies> singleRuns(Contender contender, int samples) throws Exception {
    return oneAtATime(contender, samples, Map.of(
        Until.STORED, contender::runChainUntilStored, Until.READ, contender::runChain));
  }

  /** Runs fan-outs as {@link #singleRuns} runs chains. */
  Map<Until, Latencies> fanOuts(Contender contender, int samples) throws Exception {
    return oneAtATime(contender, samples, Map.of(
        Until.STORED, contender::runFanOutUntilStored, Until.READ, contender::runFanOut));
  }

  /** One run from a given input. */
  @FunctionalInterface
  private interface Run {
    void run(int input) throws Exception;
  }

  private Map<Until, Latencies> oneAtATime(Contender contender, int samples,
      Map<Until, Run> runs) throws Exception {
    Map<Until, double[]> millis = new EnumMap<>(Until.class);
    Map<Until, WireCountingSocketFactory.Wire> wire = new EnumMap<>(Until.class);
    for (Until until : Until.values()) {
      millis.put(until, new double[samples]);
      wire.put(until, new WireCountingSocketFactory.Wire(0, 0));
    }
    for (int i = 0; i < samples; i++) {
      for (Until until : Until.values()) {
        int input = nextInput++;
        WireCountingSocketFactory.Wire before = contender.wire();
        long start = System.nanoTime();
        runs.get(until).run(input);
        millis.get(until)[i] = (System.nanoTime() - start) / 1e6;
        wire.put(until, wire.get(until).plus(contender.wire().minus(before)));
      }
    }
    Map<Until, Latencies> latencies = new EnumMap<>(Until.class);
    for (Until until : Until.values()) {
      latencies.put(until, new Latencies(millis.get(until), wire.get(until)));
    }
    return latencies;
  }

  static long count(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }
}
