package dev.braid.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * Runs JMH benchmark methods one at a time, each in a forked JVM whose flags choose Braid's scope
 * ({@link ForkScope}), and pools the iterations of every run of a method in a scope, so that a suite can measure each method in
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

  /** Scores of {@code runs} runs, whose forks get {@code jvmArgs} besides their scope's flags. */
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
  void measure(Class<?> benchmark, String method, ForkScope scope) throws RunnerException {
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
        .jvmArgs(Stream.of(scope.jvmArgs.stream(),
                Stream.of("--sun-misc-unsafe-memory-access=allow"), jvmArgs.stream())
            .flatMap(args -> args).toArray(String[]::new))
        .warmupIterations(warmupIterations)
        .warmupTime(warmupTime)
        .measurementIterations(mode.iterations)
        .measurementTime(mode.iterationTime)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();
    RunResult run = new Runner(options).runSingle();
    List<Double> pooled = iterations.computeIfAbsent(key(benchmark, method, scope),
        key -> new ArrayList<>());
    for (BenchmarkResult fork : run.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        pooled.add(iteration.getPrimaryResult().getScore());
      }
    }
    done++;
    progress.printf("[%2d/%d] %s.%s (%s): %s%n", done, runs, benchmark.getSimpleName(), method,
        scope.name().toLowerCase(Locale.ROOT), Score.of(pooled));
  }

  private static @Nullable Warmup declaredWarmup(Class<?> benchmark, String method) {
    return Arrays.stream(benchmark.getMethods())
        .filter(candidate -> candidate.getName().equals(method))
        .map(candidate -> candidate.getAnnotation(Warmup.class))
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** The pooled score of {@code method} of {@code benchmark} in forks of {@code scope}. */
  Score score(Class<?> benchmark, String method, ForkScope scope) {
    List<Double> pooled = iterations.get(key(benchmark, method, scope));
    if (pooled == null || pooled.isEmpty()) {
      throw new IllegalStateException(benchmark.getSimpleName() + "." + method + " ("
          + scope.name().toLowerCase(Locale.ROOT) + ") did not run");
    }
    return Score.of(pooled);
  }

  /** The pooled score of {@code method} of {@code benchmark} in forks with the preview flag. */
  Score score(Class<?> benchmark, String method) {
    return score(benchmark, method, ForkScope.STRUCTURED);
  }

  private static String key(Class<?> benchmark, String method, ForkScope scope) {
    return benchmark.getName() + "." + method + "@" + scope;
  }
}
