package dev.braid.benchmarks.workloads;

import dev.braid.benchmarks.baseline.FutureGraphs;
import dev.braid.benchmarks.baseline.StructuredGraphs;
import dev.braid.benchmarks.pipelines.FanOut1000Pipeline;
import dev.braid.benchmarks.pipelines.FanOut1000PipelineExecutor;
import dev.braid.benchmarks.pipelines.LatencyDagPipeline;
import dev.braid.benchmarks.pipelines.LatencyDagPipelineExecutor;
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
 * Wall time of graphs whose steps sleep: the {@link LatencyDagPipeline}, whose critical path is
 * 130 ms, and 1,000 steps of 50 ms behind one root, which take 50 ms if they all run at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LatencyBenchmark {
  public static final int FAN_OUT_STEPS = 1000;
  public static final long FAN_OUT_STEP_MS = 50;

  private final LatencyDagPipelineExecutor dag =
      new LatencyDagPipelineExecutor(new LatencyDagPipeline());
  private final FanOut1000PipelineExecutor fanOut =
      new FanOut1000PipelineExecutor(new FanOut1000Pipeline());
  private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();

  @TearDown
  public void close() {
    virtualThreads.close();
  }

  @Benchmark
  public @Nullable Integer dagBraid() {
    return dag.execute().output();
  }

  @Benchmark
  public int dagStructured() throws InterruptedException {
    return StructuredGraphs.latencyDag();
  }

  @Benchmark
  public int dagFutures() {
    return FutureGraphs.latencyDag(virtualThreads);
  }

  @Benchmark
  public @Nullable Integer fanOutBraid() {
    return fanOut.execute().output();
  }

  @Benchmark
  public int fanOutStructured() throws InterruptedException {
    return StructuredGraphs.fanOut(FAN_OUT_STEPS, FAN_OUT_STEP_MS);
  }

  @Benchmark
  public int fanOutFutures() {
    return FutureGraphs.fanOut(virtualThreads, FAN_OUT_STEPS, FAN_OUT_STEP_MS);
  }
}
