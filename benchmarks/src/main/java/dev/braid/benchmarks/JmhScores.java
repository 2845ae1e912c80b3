package dev.braid.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
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
  private final List<String> jvmArgs;
  private int done;
  private final Map<String, List<Double>> iterations = new HashMap<>();

  /** Scores of {@code runs} runs, whose forks get {@code jvmArgs} besides the preview flags. */
  JmhScores(SuiteMode mode, PrintStream progress, int runs, List<String> jvmArgs) {
    this.mode = mode;
    this.progress = progress;
    this.runs = runs;
    this.jvmArgs = List.copyOf(jvmArgs);
  }

  /**
   * Runs {@code method} of {@code benchmark} in a new fork and keeps its iterations. A method that
   * declares a {@link Warmup} gets that warm-up instead of the mode's, if the mode warms up at all.
   */
  void measure(Class<?> benchmark, String method) throws RunnerException {
    String name = benchmark.getName() + "." + method;
    int warmupIterations = mode.warmupIterations;
    TimeValue warmupTime = mode.warmupTime;
    @Nullable Warmup declared = declaredWarmup(benchmark, method);
    if (declared != null && warmupIterations > 0) {
      warmupIterations = declared.iterations();
      warmupTime = new TimeValue(declared.time(), declared.timeUnit());
    }
    Options options = new OptionsBuilder()
        .include("^" + Pattern.quote(name) + "$")
        .forks(1)
        .jvmArgs(Stream.concat(Stream.of("--enable-preview",
            "--sun-misc-unsafe-memory-access=allow"), jvmArgs.stream()).toArray(String[]::new))
        .warmupIterations(warmupIterations)
        .warmupTime(warmupTime)
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

  private static @Nullable Warmup declaredWarmup(Class<?> benchmark, String method) {
    return Arrays.stream(benchmark.getMethods())
        .filter(candidate -> candidate.getName().equals(method))
        .map(candidate -> candidate.getAnnotation(Warmup.class))
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
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
