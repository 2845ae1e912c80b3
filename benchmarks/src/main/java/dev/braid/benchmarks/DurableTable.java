package dev.braid.benchmarks;

import static dev.braid.benchmarks.workloads.DurableRunBenchmark.CONCURRENT_RUNS;
import static dev.braid.benchmarks.workloads.DurableRunBenchmark.DATABASE_WARMUPS;
import static dev.braid.benchmarks.workloads.DurableRunBenchmark.H2_WARMUPS;
import static dev.braid.benchmarks.workloads.DurableRunBenchmark.LONG_CHAIN;
import static dev.braid.benchmarks.workloads.DurableRunBenchmark.POLL_INTERVAL;
import static dev.braid.benchmarks.workloads.DurableRunBenchmark.RUNS;
import static dev.braid.benchmarks.workloads.DurableRunBenchmark.SHORT_CHAIN;

import dev.braid.benchmarks.workloads.DurableRunBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The table of durable runs: what a step and a run cost when every step is checkpointed in H2 or
 * PostgreSQL, against the same runs in process, from {@link DurableRunBenchmark}. Besides the
 * measured rows it derives, from the two chain lengths, what one more step costs and what a run
 * costs besides its steps (submitting, claiming and finishing it).
 */
final class DurableTable {
  static final Class<?> BENCHMARK = DurableRunBenchmark.class;
  static final List<String> HEADINGS = List.of("workload", "metric", "in process", "H2",
      "PostgreSQL", "H2 ÷ in process", "PostgreSQL ÷ in process");

  /** Where a run is stored, and the prefix of its benchmark methods. */
  private enum Store {
    IN_PROCESS("inProcess"),
    H2("h2"),
    POSTGRES("postgres");

    final String prefix;

    Store(String prefix) {
      this.prefix = prefix;
    }
  }

  private DurableTable() {}

  /** Every benchmark method of the table, each store's in turn for each shape. */
  static List<String> methods() {
    List<String> methods = new ArrayList<>();
    for (String shape : List.of("Long", "Short", "Single")) {
      for (Store store : Store.values()) {
        methods.add(store.prefix + shape);
      }
    }
    return methods;
  }

  static List<List<String>> rows(JmhScores jmh) {
    String batch = String.format(Locale.ROOT, ", %d queued, %d at a time", RUNS, CONCURRENT_RUNS);
    String lengths = "chain-" + SHORT_CHAIN + " → chain-" + LONG_CHAIN + batch;
    return List.of(
        measured(jmh, "chain-" + LONG_CHAIN + batch, "µs per step", "Long",
            micros -> micros / RUNS / LONG_CHAIN),
        measured(jmh, "chain-" + SHORT_CHAIN + batch, "µs per step", "Short",
            micros -> micros / RUNS / SHORT_CHAIN),
        derived(jmh, lengths, "µs per added step", DurableTable::perAddedStep),
        derived(jmh, lengths, "µs per run besides its steps", DurableTable::perRun),
        measured(jmh, "chain-" + LONG_CHAIN + ", one run at a time", "µs per run", "Single",
            micros -> micros));
  }

  /** One line of notes under the table, on how it was measured. */
  static String notes() {
    return "- Durable runs: chains of zero-work steps, each returning its predecessor's output plus "
        + "one, so that a step costs what Braid and the database add to it. In process, "
        + "PipelineDefinition.execute runs them on " + CONCURRENT_RUNS + " virtual threads, each "
        + "taking the next run when its last ends. H2 is a file database in a temporary "
        + "directory; PostgreSQL 18 is an embedded server on localhost with its embedded "
        + "defaults, fsync=off and synchronous_commit=off among them, so that no commit waits "
        + "for the disk, and a fresh database per benchmark. There "
        + "one thread submits the runs and one Worker (maxConcurrentRuns " + CONCURRENT_RUNS
        + ", pollInterval " + POLL_INTERVAL.toMillis() + " ms) runs them, storing each step's "
        + "output as JSON before the next starts. One operation runs " + RUNS + " runs and ends "
        + "when every one is stored as SUCCEEDED; its runs are deleted after it, untimed, so "
        + "that every operation starts from empty tables. A busy worker claims the next run as soon as "
        + "one ends, so polling adds to a batch only the idle worker's wait for its first claim, "
        + "under one poll interval. The rows from chain-"
        + SHORT_CHAIN + " to chain-" + LONG_CHAIN + " divide the difference between the two "
        + "lengths' times per run by the " + (LONG_CHAIN - SHORT_CHAIN) + " added steps; what "
        + "is left of a chain-" + SHORT_CHAIN + " run's time is its fixed cost (submitting, "
        + "claiming, finishing). One run at a time measures latency from submit until the worker "
        + "has stored the outcome; the submit, made in the worker's JVM, hands the run to the "
        + "idle worker at once, so no poll is waited for. DurableRuns.await, which these batches "
        + "do not use, is woken when its run ends. In the "
        + "full mode the H2 batches warm up for " + H2_WARMUPS + " × 1 s, since H2 runs in the "
        + "benchmark's JVM and its code takes that long to be compiled, and the other "
        + "benchmarks on a database for " + DATABASE_WARMUPS + " × 1 s.\n";
  }

  private static List<String> measured(JmhScores jmh, String workload, String metric,
      String shape, ToDoubleFunction<Double> value) {
    List<String> row = new ArrayList<>(List.of(workload, metric));
    double[] values = new double[Store.values().length];
    for (Store store : Store.values()) {
      @Nullable Score score = score(jmh, store, shape);
      values[store.ordinal()] = score == null ? Double.NaN : value.applyAsDouble(score.median());
      row.add(score == null ? "failed" : number(values[store.ordinal()]) + score.spread());
    }
    return withRatios(row, values);
  }

  private static List<String> derived(JmhScores jmh, String workload, String metric,
      Derivation derivation) {
    List<String> row = new ArrayList<>(List.of(workload, metric));
    double[] values = new double[Store.values().length];
    for (Store store : Store.values()) {
      @Nullable Score shorter = score(jmh, store, "Short");
      @Nullable Score longer = score(jmh, store, "Long");
      values[store.ordinal()] = shorter == null || longer == null ? Double.NaN
          : derivation.of(shorter.median() / RUNS, longer.median() / RUNS);
      row.add(Double.isNaN(values[store.ordinal()]) ? "failed" : number(values[store.ordinal()]));
    }
    return withRatios(row, values);
  }

  /** A value derived from the microseconds per run of the short and the long chain. */
  private interface Derivation {
    double of(double shortRun, double longRun);
  }

  private static double perAddedStep(double shortRun, double longRun) {
    return (longRun - shortRun) / (LONG_CHAIN - SHORT_CHAIN);
  }

  private static double perRun(double shortRun, double longRun) {
    return shortRun - SHORT_CHAIN * perAddedStep(shortRun, longRun);
  }

  private static List<String> withRatios(List<String> row, double[] values) {
    double inProcess = values[Store.IN_PROCESS.ordinal()];
    for (Store store : List.of(Store.H2, Store.POSTGRES)) {
      double ratio = values[store.ordinal()] / inProcess;
      row.add(Double.isNaN(ratio) ? "" : String.format(Locale.ROOT,
          Math.abs(ratio) >= 10 ? "%,.0f×" : "%.1f×", ratio));
    }
    return row;
  }

  private static @Nullable Score score(JmhScores jmh, Store store, String shape) {
    try {
      return jmh.score(BENCHMARK, store.prefix + shape);
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private static String number(double value) {
    double size = Math.abs(value);
    return String.format(Locale.ROOT, size >= 100 ? "%,.0f" : size >= 10 ? "%.1f" : "%.2f", value);
  }
}
