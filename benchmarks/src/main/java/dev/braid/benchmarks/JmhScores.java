package dev.braid.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH benchmark methods one at a time, each in a forked JVM with {@code --enable-preview}, and
 * pools the iterations of every run of a method, so that a suite can measure each method in
 * several rounds and interleave Braid with its baselines. Reports each run on {@code progress}.
 * Not thread-safe.
 */
final class JmhScores {
  private final SuiteMode mode;
  private final PrintStream progress;
  private final int runs;
  private int done;
  private final Map<String, List<Double>> iterations = new HashMap<>();

  JmhScores(SuiteMode mode, PrintStream progress, int runs) {
    this.mode = mode;
    this.progress = progress;
    this.runs = runs;
  }

  /** Runs {@code method} of {@code benchmark} in a new fork and keeps its iterations. */
  void measure(Class<?> benchmark, String method) throws RunnerException {
    String name = benchmark.getName() + "." + method;
    Options options = new OptionsBuilder()
        .include("^" + Pattern.quote(name) + "$")
        .forks(1)
        .jvmArgs("--enable-preview", "--sun-misc-unsafe-memory-access=allow")
        .warmupIterations(mode.warmupIterations)
        .warmupTime(mode.warmupTime)
        .measurementIterations(mode.iterations)
        .measurementTime(mode.iterationTime)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();
    RunResult run = new Runner(options).runSingle();
    List<Double> pooled = iterations.computeIfAbsent(name, key -> new ArrayList<>());
    for (BenchmarkResult fork : run.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        pooled.add(iteration.getPrimaryResult().getScore());
      }
    }
    done++;
    progress.printf("[%2d/%d] %s.%s: %s%n",
        done, runs, benchmark.getSimpleName(), method, Score.of(pooled));
  }

  /** The pooled score of {@code method} of {@code benchmark}. */
  Score score(Class<?> benchmark, String method) {
    List<Double> pooled = iterations.get(benchmark.getName() + "." + method);
    if (pooled == null || pooled.isEmpty()) {
      throw new IllegalStateException(benchmark.getSimpleName() + "." + method + " did not run");
    }
    return Score.of(pooled);
  }
}
