package dev.braid.benchmarks;

import static dev.braid.benchmarks.Metric.DAG_WALL;
import static dev.braid.benchmarks.Metric.FAN_OUT_WALL;
import static dev.braid.benchmarks.Metric.MICROS_PER_STEP;
import static dev.braid.benchmarks.Metric.RUNS_PER_SECOND;

import dev.braid.benchmarks.compile.CompileTimes;
import dev.braid.benchmarks.workloads.Implementation;
import dev.braid.benchmarks.workloads.InFlightHeap;
import dev.braid.benchmarks.workloads.LatencyBenchmark;
import dev.braid.benchmarks.workloads.PostgresServer;
import dev.braid.benchmarks.workloads.StepOverheadBenchmark;
import dev.braid.benchmarks.workloads.ThroughputBenchmark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs the whole suite and prints its Markdown tables on standard output, progress on standard
 * error. {@code --full} (the default) takes about ten minutes on two cores; {@code --quick} runs
 * the in-process workloads and the heap only, in one round, in about four; {@code --smoke} runs
 * one tiny iteration of everything so that CI notices a benchmark that no longer runs. Exits with
 * status 1 if any measurement failed; a missed target is reported, not a failure.
 */
public final class BenchmarkSuite {
  private static final String GUARDED = ", timeouts + retries + budgets";
  private static final Class<?> STEPS = StepOverheadBenchmark.class;
  private static final Class<?> LATENCY = LatencyBenchmark.class;
  private static final Class<?> THROUGHPUT = ThroughputBenchmark.class;

  private static final List<Workload> WORKLOADS = List.of(
      new Workload("chain-1000", MICROS_PER_STEP, STEPS,
          "chainBraid", "chainStructured", "chainFutures", Target.STEP_OVERHEAD),
      new Workload("chain-1000" + GUARDED, MICROS_PER_STEP, STEPS,
          "chainBraidGuarded", "chainStructured", "chainFutures", Target.STEP_OVERHEAD),
      new Workload("wide-1000", MICROS_PER_STEP, STEPS,
          "wideBraid", "wideStructured", "wideFutures", Target.STEP_OVERHEAD),
      new Workload("wide-1000" + GUARDED, MICROS_PER_STEP, STEPS,
          "wideBraidGuarded", "wideStructured", "wideFutures", Target.STEP_OVERHEAD),
      new Workload("latency DAG", DAG_WALL, LATENCY,
          "dagBraid", "dagStructured", "dagFutures", Target.DAG_WALL),
      new Workload("fanout-1000", FAN_OUT_WALL, LATENCY,
          "fanOutBraid", "fanOutStructured", "fanOutFutures", Target.FAN_OUT_WALL),
      new Workload("diamond, 1,000 in flight", RUNS_PER_SECOND, THROUGHPUT,
          "diamondBraid", "diamondStructured", "diamondFutures", Target.THROUGHPUT),
      new Workload("diamond, 1,000 in flight" + GUARDED, RUNS_PER_SECOND, THROUGHPUT,
          "diamondBraidGuarded", "diamondStructured", "diamondFutures",
          Target.GUARDED_THROUGHPUT),
      new Workload("diamond, 1,000 platform-thread callers", RUNS_PER_SECOND, THROUGHPUT,
          "diamondBraidPlatform", "diamondStructuredPlatform", "diamondFutures",
          Target.THROUGHPUT),
      new Workload("diamond, 1,000 platform-thread callers" + GUARDED, RUNS_PER_SECOND,
          THROUGHPUT, "diamondBraidGuardedPlatform", "diamondStructuredPlatform",
          "diamondFutures", Target.GUARDED_THROUGHPUT));

  private static final String HEAP_METRIC = "heap KiB per in-flight run";
  private static final int[] COMPILED_STEPS = {100, 1000};
  /**
   * The heap is measured in the suite's own JVM, which runs with {@code --enable-preview
   * -Dbraid.scope=structured}; the runtime chooses its scope once per JVM, so Braid's own scope has
   * no heap figure here ({@code InterleavedRatios} measures it).
   */
  private static final List<Implementation> HEAP_MEASURED =
      List.of(Implementation.BRAID, Implementation.STRUCTURED, Implementation.FUTURES);

  private BenchmarkSuite() {}

  public static void main(String[] args) {
    SuiteMode mode = SuiteMode.parse(args);
    long start = System.nanoTime();
    List<BenchmarkMethod> benchmarks = Stream.concat(
            WORKLOADS.stream().flatMap(workload -> workload.forks().stream()
                .map(fork -> new BenchmarkMethod(workload.benchmark(), fork.method(),
                    fork.scope()))),
            DurableTable.methods().stream()
                .filter(method -> mode.everything)
                .map(method ->
                    new BenchmarkMethod(DurableTable.BENCHMARK, method, ForkScope.STRUCTURED)))
        .distinct()
        .toList();
    // One PostgreSQL server serves every durable-run fork, so that its start-up is paid once.
    @Nullable PostgresServer postgres = mode.everything ? startPostgres() : null;
    JmhScores jmh = new JmhScores(mode, System.err, benchmarks.size() * mode.rounds,
        postgres == null ? List.of() : List.of(postgres.jvmArgument()));
    boolean failed = false;
    for (int round = 0; round < mode.rounds; round++) {
      // Every other round runs backwards, so that no implementation always runs first or last.
      for (BenchmarkMethod benchmark : round % 2 == 0 ? benchmarks : benchmarks.reversed()) {
        try {
          jmh.measure(benchmark.type(), benchmark.method(), benchmark.scope());
        } catch (Exception e) {
          e.printStackTrace();
          failed = true;
        }
      }
    }
    stopPostgres(postgres);
    List<Row> rows = new ArrayList<>();
    for (Workload workload : WORKLOADS) {
      try {
        rows.add(workload.row(jmh));
      } catch (IllegalStateException e) {
        failed = recordFailure(e, rows, Row.failed(workload.name(), workload.metric().label, e));
      }
    }
    try {
      rows.addAll(heap(mode));
    } catch (Exception e) {
      failed = recordFailure(e, rows, Row.failed("diamond, 1,000 in flight", "heap", e));
    }
    List<String> javac = new ArrayList<>();
    for (int steps : mode.everything ? COMPILED_STEPS : new int[0]) {
      try {
        CompileTimes.Result result = CompileTimes.measure(steps, mode.warmCompiles);
        rows.add(compileRow(result));
        javac.add(String.format(Locale.ROOT, "chain-%d %.2f s (%.2f s)",
            steps, result.firstJavac(), result.warmJavac()));
      } catch (Exception e) {
        failed = recordFailure(e, rows, Row.failed("compile chain-" + steps, "processor s", e));
      }
    }
    if (mode == SuiteMode.SMOKE) {
      rows = rows.stream().map(Row::unjudged).toList();
    }
    List<List<String>> durable = mode.everything ? DurableTable.rows(jmh) : List.of();
    System.out.print(report(mode, rows, durable, javac, (System.nanoTime() - start) / 1e9));
    if (failed) {
      System.exit(1);
    }
  }

  /** One JMH benchmark method, in forks of one scope. */
  private record BenchmarkMethod(Class<?> type, String method, ForkScope scope) {}

  /**
   * Starts the PostgreSQL server of the durable-run benchmarks, or returns null after printing why
   * it could not; each of those benchmarks then tries to start a server of its own.
   */
  private static @Nullable PostgresServer startPostgres() {
    try {
      return PostgresServer.start();
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      return null;
    }
  }

  private static void stopPostgres(@Nullable PostgresServer postgres) {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        e.printStackTrace();
      }
    }
  }

  /** Prints {@code failure}, adds {@code row} in place of the measurement, and returns true. */
  private static boolean recordFailure(Exception failure, List<Row> rows, Row row) {
    failure.printStackTrace();
    rows.add(row);
    return true;
  }

  /**
   * The heap rows: per in-flight run of the plain diamond against the baselines, and of the
   * guarded diamond against the plain one, each the median of the mode's repetitions.
   */
  private static List<Row> heap(SuiteMode mode) throws Exception {
    List<Callable<Double>> measurements = new ArrayList<>();
    for (Implementation implementation : HEAP_MEASURED) {
      measurements.add(() -> InFlightHeap.bytesPerRun(implementation));
    }
    measurements.add(InFlightHeap::bytesPerGuardedRun);
    double[] kib = heapKib(measurements, mode.heapWarmups, mode.heapRepetitions);
    double braid = kib[HEAP_MEASURED.indexOf(Implementation.BRAID)];
    double structured = kib[HEAP_MEASURED.indexOf(Implementation.STRUCTURED)];
    double futures = kib[HEAP_MEASURED.indexOf(Implementation.FUTURES)];
    double braidGuarded = kib[HEAP_MEASURED.size()];
    System.err.printf(Locale.ROOT,
        "heap per in-flight run: %.1f (guarded %.1f) / %.1f / %.1f KiB%n",
        braid, braidGuarded, structured, futures);
    double guardedRatio = braidGuarded / braid;
    return List.of(
        new Row("diamond, 1,000 in flight", HEAP_METRIC, kib(braid), "—", kib(structured),
            kib(futures), times(braid / structured), "—", "—", "", "", ""),
        new Row("diamond, 1,000 in flight" + GUARDED, HEAP_METRIC, kib(braidGuarded), "—",
            kib(structured), kib(futures), times(braidGuarded / structured)
                + " (" + times(guardedRatio) + " plain)", "—", "—", Target.GUARDED_HEAP.text,
            Target.GUARDED_HEAP.verdict(braidGuarded, guardedRatio), ""));
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  private static Row compileRow(CompileTimes.Result result) {
    Target target = result.steps() == 1000 ? Target.PROCESSOR_TIME : Target.NONE;
    System.err.printf(Locale.ROOT, "processor time, %d steps: %.2f s first, %.2f s warm%n",
        result.steps(), result.firstProcessor(), result.warmProcessor());
    return new Row("compile chain-" + result.steps(), "processor s, first (warm)",
        String.format(Locale.ROOT, "%.2f (%.2f)", result.firstProcessor(), result.warmProcessor()),
        "—", "—", "—", "—", "—", "—", target.text,
        target.verdict(result.firstProcessor(), Double.NaN), "");
  }

  private static String kib(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * The median heap per in-flight run, in KiB, of each of {@code measurements}, which give bytes
   * per run: all run {@code warmUps} times, then {@code repetitions} times, taking turns, so that
   * the state of the machine and of the JVM's heap moves them alike.
   */
  static double[] heapKib(List<Callable<Double>> measurements, int warmUps, int repetitions)
      throws Exception {
    List<List<Double>> kept = new ArrayList<>();
    for (int i = 0; i < measurements.size(); i++) {
      kept.add(new ArrayList<>());
    }
    for (int round = 0; round < warmUps + repetitions; round++) {
      for (int i = 0; i < measurements.size(); i++) {
        double bytes = measurements.get(i).call();
        if (round >= warmUps) {
          kept.get(i).add(bytes / 1024);
        }
      }
    }
    double[] medians = new double[measurements.size()];
    for (int i = 0; i < medians.length; i++) {
      medians[i] = Score.of(kept.get(i)).median();
    }
    return medians;
  }

  private static String report(SuiteMode mode, List<Row> rows, List<List<String>> durable,
      List<String> javac, double seconds) {
    return "\n## Braid benchmarks (" + mode.name().toLowerCase(Locale.ROOT) + ")\n\n"
        + TableFormatter.format(rows) + "\n"
        + "- Machine: " + machine() + ".\n"
        + "- Settings: " + mode.describe() + ".\n"
        + "- Braid, STS ran in forks with --enable-preview -Dbraid.scope=structured, where "
        + "Braid's runtime runs steps on StructuredTaskScope; Braid, threads in forks without "
        + "flags, on Braid's own scope of plain virtual threads, the default. The baselines ran "
        + "with --enable-preview.\n"
        + "- STS ÷ hand-written and threads ÷ hand-written divide Braid's value in each scope by "
        + "the hand-written StructuredTaskScope one, threads ÷ STS Braid's two values (for "
        + "runs/s higher is better, elsewhere lower); the targets are the project's, and met "
        + "means met in both scopes.\n"
        + "- Rows with timeouts + retries + budgets give every Braid step a 30 s timeout and 2 "
        + "retries, and every run a cost and a token budget, none of which fires; the zero-work "
        + "steps make no model call, so the budgets are configured but never consulted. The "
        + "baselines have none of these, so their columns repeat the plain row.\n"
        + "- Heap: live heap after a full GC with " + InFlightHeap.RUNS + " runs held in their "
        + "first step, per run, including the virtual thread that called execute; measured in "
        + "the suite's JVM, which runs StructuredTaskScope, so in the STS scope only. The guarded "
        + "row's ratio is also given to the plain row's, which its target is held to.\n"
        + "- Platform-thread callers: " + ThroughputBenchmark.IN_FLIGHT + " platform threads call "
        + "the pipeline in a loop for the whole fork; an operation is the time in which "
        + ThroughputBenchmark.IN_FLIGHT + " runs complete.\n"
        + (javac.isEmpty() ? ""
            : "- Compile: seconds inside BraidProcessor (init and process) compiling a generated "
                + "chain with javac in-process on a default-size stack; all of javac: "
                + String.join(", ", javac) + ".\n")
        + (durable.isEmpty() ? "" : "\n### Durable runs\n\n"
            + TableFormatter.format(DurableTable.HEADINGS, durable) + "\n"
            + DurableTable.notes())
        + String.format(Locale.ROOT, "- The suite took %.0f s.%n", seconds);
  }

  private static String machine() {
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    return String.format(Locale.ROOT, "%d cores, %.0f GiB RAM, %s %s, Java %s (%s)",
        Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (double) (1L << 30),
        System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version(),
        System.getProperty("java.vm.name"));
  }
}
