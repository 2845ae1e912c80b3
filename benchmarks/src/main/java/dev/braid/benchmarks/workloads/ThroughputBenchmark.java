package dev.braid.benchmarks.workloads;

import dev.braid.benchmarks.baseline.FutureGraphs;
import dev.braid.benchmarks.baseline.StructuredGraphs;
import dev.braid.benchmarks.pipelines.DiamondPipeline;
import dev.braid.benchmarks.pipelines.DiamondPipelineExecutor;
import dev.braid.benchmarks.pipelines.GuardedDiamondPipeline;
import dev.braid.benchmarks.pipelines.GuardedDiamondPipelineExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Runs of a 4-step zero-work diamond, {@value #IN_FLIGHT} in flight at once: one operation starts
 * them all together and returns when the last has finished. The guarded diamond gives every step a
 * timeout and retries, and every run budgets, that never fire. The callers are virtual threads, one
 * per run; in the {@code *Platform} methods, {@value #IN_FLIGHT} platform threads instead call the
 * pipeline in a loop, as a busy server's request threads would, and an operation is the time in
 * which {@value #IN_FLIGHT} runs complete.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThroughputBenchmark {
  public static final int IN_FLIGHT = 1000;

  private final DiamondPipelineExecutor diamond =
      new DiamondPipelineExecutor(new DiamondPipeline());
  private final GuardedDiamondPipelineExecutor guardedDiamond =
      new GuardedDiamondPipelineExecutor(new GuardedDiamondPipeline());
  private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
  private @Nullable PlatformCallers platformCallers;

  @TearDown
  public void close() throws InterruptedException {
    virtualThreads.close();
    if (platformCallers != null) {
      platformCallers.close();
    }
  }

  /**
   * Waits for {@value #IN_FLIGHT} runs of {@code run} by {@value #IN_FLIGHT} platform threads that
   * call it in a loop, started by the first operation; a fork runs one benchmark method, so the
   * callers always call the method's own pipeline.
   */
  private long onPlatformCallers(Callable<Integer> run) {
    if (platformCallers == null) {
      platformCallers = new PlatformCallers(IN_FLIGHT, run);
    }
    return platformCallers.await(IN_FLIGHT);
  }

  @Benchmark
  public long diamondBraid() throws InterruptedException {
    return InFlight.run(IN_FLIGHT, () -> Objects.requireNonNull(diamond.execute().output()));
  }

  @Benchmark
  public long diamondBraidGuarded() throws InterruptedException {
    return InFlight.run(IN_FLIGHT, () -> Objects.requireNonNull(guardedDiamond.execute().output()));
  }

  @Benchmark
  public long diamondStructured() throws InterruptedException {
    return InFlight.run(IN_FLIGHT, StructuredGraphs::diamond);
  }

  @Benchmark
  public long diamondBraidPlatform() {
    return onPlatformCallers(() -> Objects.requireNonNull(diamond.execute().output()));
  }

  @Benchmark
  public long diamondBraidGuardedPlatform() {
    return onPlatformCallers(() -> Objects.requireNonNull(guardedDiamond.execute().output()));
  }

  @Benchmark
  public long diamondStructuredPlatform() {
    return onPlatformCallers(StructuredGraphs::diamond);
  }

  @Benchmark
  public long diamondFutures() {
    List<CompletableFuture<Integer>> runs = new ArrayList<>(IN_FLIGHT);
    for (int i = 0; i < IN_FLIGHT; i++) {
      runs.add(FutureGraphs.diamond(virtualThreads));
    }
    long sum = 0;
    for (CompletableFuture<Integer> run : runs) {
      sum += run.join();
    }
    return sum;
  }
}
