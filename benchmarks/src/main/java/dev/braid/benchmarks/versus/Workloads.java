package dev.braid.benchmarks.versus;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the in-process workloads and measures them the same way for each contender: the clock is
 * this thread's, the end of a drain is read from the contender's tables over a connection of its
 * own that no count includes, and each single run or fan-out is timed from submit until its outcome
 * is stored or its result is read through the contender's API.
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
   * Runs {@code samples} chains on each contender one after another, each run until it is stored
   * and as many until the submitter reads it. The contenders and the two ways take turns run by
   * run, so that every figure sees the same server, disk and neighbours.
   */
  Map<Contender, Map<Until, Latencies>> singleRuns(List<Contender> contenders, int samples)
      throws Exception {
    return oneAtATime(contenders, samples, false);
  }

  /** Runs fan-outs as {@link #singleRuns} runs chains. */
  Map<Contender, Map<Until, Latencies>> fanOuts(List<Contender> contenders, int samples)
      throws Exception {
    return oneAtATime(contenders, samples, true);
  }

  private Map<Contender, Map<Until, Latencies>> oneAtATime(List<Contender> contenders,
      int samples, boolean fanOut) throws Exception {
    Map<Contender, Map<Until, double[]>> millis = new HashMap<>();
    Map<Contender, Map<Until, WireCountingSocketFactory.Wire>> wire = new HashMap<>();
    for (Contender contender : contenders) {
      for (Until until : Until.values()) {
        millis.computeIfAbsent(contender, unused -> new EnumMap<>(Until.class))
            .put(until, new double[samples]);
        wire.computeIfAbsent(contender, unused -> new EnumMap<>(Until.class))
            .put(until, new WireCountingSocketFactory.Wire(0, 0));
      }
    }
    for (int i = 0; i < samples; i++) {
      for (Contender contender : i % 2 == 0 ? contenders : contenders.reversed()) {
        for (Until until : Until.values()) {
          int input = nextInput++;
          WireCountingSocketFactory.Wire before = contender.wire();
          long start = System.nanoTime();
          run(contender, until, fanOut, input);
          millis.get(contender).get(until)[i] = (System.nanoTime() - start) / 1e6;
          wire.get(contender).merge(until, contender.wire().minus(before),
              WireCountingSocketFactory.Wire::plus);
        }
      }
    }
    Map<Contender, Map<Until, Latencies>> latencies = new HashMap<>();
    for (Contender contender : contenders) {
      for (Until until : Until.values()) {
        latencies.computeIfAbsent(contender, unused -> new EnumMap<>(Until.class)).put(until,
            new Latencies(millis.get(contender).get(until), wire.get(contender).get(until)));
      }
    }
    return latencies;
  }

  private static void run(Contender contender, Until until, boolean fanOut, int input)
      throws Exception {
    switch (until) {
      case STORED -> {
        if (fanOut) {
          contender.runFanOutUntilStored(input);
        } else {
          contender.runChainUntilStored(input);
        }
      }
      case READ -> {
        if (fanOut) {
          contender.runFanOut(input);
        } else {
          contender.runChain(input);
        }
      }
    }
  }

  static long count(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }
}
