package dev.braid.benchmarks.workloads;

import dev.braid.benchmarks.baseline.FutureGraphs;
import dev.braid.benchmarks.baseline.StructuredGraphs;
import dev.braid.benchmarks.pipelines.GatedDiamondPipeline;
import dev.braid.benchmarks.pipelines.GatedDiamondPipelineExecutor;
import dev.braid.benchmarks.pipelines.GuardedGatedDiamondPipeline;
import dev.braid.benchmarks.pipelines.GuardedGatedDiamondPipelineExecutor;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The heap one run of the diamond holds while it is in flight: {@value #RUNS} runs are started and
 * held in their first step, and the live heap after a full collection is compared with the heap
 * before they started. For the blocking implementations this includes the virtual thread that
 * called {@code execute} and every step's parked thread with its stack; the {@code
 * CompletableFuture} runs hold one thread and three pending stages. Not a JMH benchmark: it
 * measures memory, not time, and runs in the suite's own JVM.
 */
public final class InFlightHeap {
  public static final int RUNS = 1000;
  /** Time for the runs' owners to fork their remaining steps after the first ones started. */
  private static final long SETTLE_MS = 300;

  private InFlightHeap() {}

  /** Bytes of live heap per in-flight run of {@code implementation}. */
  public static double bytesPerRun(Implementation implementation) throws InterruptedException {
    return bytesPerRun(implementation, false);
  }

  /**
   * Bytes of live heap per in-flight run of Braid's guarded diamond, whose steps have timeouts and
   * retries and whose runs have budgets, none of which fires.
   */
  public static double bytesPerGuardedRun() throws InterruptedException {
    return bytesPerRun(Implementation.BRAID, true);
  }

  private static double bytesPerRun(Implementation implementation, boolean guarded)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(RUNS);
    CountDownLatch gate = new CountDownLatch(1);
    var plain = new GatedDiamondPipelineExecutor(new GatedDiamondPipeline(started, gate));
    var guardedRuns =
        new GuardedGatedDiamondPipelineExecutor(new GuardedGatedDiamondPipeline(started, gate));
    Callable<Integer> braid = guarded
        ? () -> Objects.requireNonNull(guardedRuns.execute().output())
        : () -> Objects.requireNonNull(plain.execute().output());
    try (ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
      long before = liveHeap();
      Completion inFlight = switch (implementation) {
        case BRAID -> InFlight.start(RUNS, braid)::sum;
        case BRAID_THREADS -> throw new IllegalArgumentException(
            "Braid's runtime chooses its scope once per JVM; measure it in a JVM without "
                + "-Dbraid.scope=structured as BRAID");
        case STRUCTURED -> InFlight.start(RUNS,
            () -> StructuredGraphs.gatedDiamond(started, gate))::sum;
        case FUTURES -> {
          CompletableFuture<?>[] runs = new CompletableFuture<?>[RUNS];
          for (int i = 0; i < RUNS; i++) {
            runs[i] = FutureGraphs.gatedDiamond(virtualThreads, started, gate);
          }
          yield () -> CompletableFuture.allOf(runs).join();
        }
      };
      started.await();
      Thread.sleep(SETTLE_MS);
      long during = liveHeap();
      gate.countDown();
      inFlight.await();
      return (during - before) / (double) RUNS;
    }
  }

  /** Waits until every run has finished. */
  private interface Completion {
    void await() throws InterruptedException;
  }

  private static long liveHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
