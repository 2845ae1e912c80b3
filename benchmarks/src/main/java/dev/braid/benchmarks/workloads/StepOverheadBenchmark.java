package dev.braid.benchmarks.workloads;

import dev.braid.benchmarks.baseline.FutureGraphs;
import dev.braid.benchmarks.baseline.StructuredGraphs;
import dev.braid.benchmarks.pipelines.Chain1000Pipeline;
import dev.braid.benchmarks.pipelines.Chain1000PipelineExecutor;
import dev.braid.benchmarks.pipelines.GuardedChain1000Pipeline;
import dev.braid.benchmarks.pipelines.GuardedChain1000PipelineExecutor;
import dev.braid.benchmarks.pipelines.GuardedWide1000Pipeline;
import dev.braid.benchmarks.pipelines.GuardedWide1000PipelineExecutor;
import dev.braid.benchmarks.pipelines.Wide1000Pipeline;
import dev.braid.benchmarks.pipelines.Wide1000PipelineExecutor;
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
 * What a step costs when it does nothing: one run of 1,000 zero-work steps, in a chain (each step
 * waits for the one before) and wide (all independent). The guarded pipelines give every step a
 * timeout and retries that never fire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StepOverheadBenchmark {
  public static final int STEPS = 1000;

  private final Chain1000PipelineExecutor chain =
      new Chain1000PipelineExecutor(new Chain1000Pipeline());
  private final GuardedChain1000PipelineExecutor guardedChain =
      new GuardedChain1000PipelineExecutor(new GuardedChain1000Pipeline());
  private final Wide1000PipelineExecutor wide =
      new Wide1000PipelineExecutor(new Wide1000Pipeline());
  private final GuardedWide1000PipelineExecutor guardedWide =
      new GuardedWide1000PipelineExecutor(new GuardedWide1000Pipeline());
  private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();

  @TearDown
  public void close() {
    virtualThreads.close();
  }

  @Benchmark
  public @Nullable Integer chainBraid() {
    return chain.execute().output();
  }

  @Benchmark
  public @Nullable Integer chainBraidGuarded() {
    return guardedChain.execute().output();
  }

  @Benchmark
  public int chainStructured() throws InterruptedException {
    return StructuredGraphs.chain(STEPS);
  }

  @Benchmark
  public int chainFutures() {
    return FutureGraphs.chain(virtualThreads, STEPS);
  }

  @Benchmark
  public @Nullable Integer wideBraid() {
    return wide.execute().output();
  }

  @Benchmark
  public @Nullable Integer wideBraidGuarded() {
    return guardedWide.execute().output();
  }

  @Benchmark
  public int wideStructured() throws InterruptedException {
    return StructuredGraphs.wide(STEPS);
  }

  @Benchmark
  public int wideFutures() {
    return FutureGraphs.wide(virtualThreads, STEPS);
  }
}
