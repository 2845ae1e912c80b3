package dev.braid.benchmarks.baseline;

import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.A_MS;
import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.B_MS;
import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.C_MS;
import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.ROOT_MS;
import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.SINK_MS;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * The graphs as {@link CompletableFuture} stages on a virtual-thread-per-task executor: a step is
 * submitted when its last dependency completes, so no thread waits for a dependency. Nothing joins
 * the stages' threads; a run ends when its last stage completes. Thread-safe.
 */
public final class FutureGraphs {
  private FutureGraphs() {}

  /** {@code steps} zero-work steps, each adding one to its predecessor's output. */
  public static int chain(Executor executor, int steps) {
    CompletableFuture<Integer> output = CompletableFuture.supplyAsync(() -> 0, executor);
    for (int i = 1; i < steps; i++) {
      output = output.thenApplyAsync(previous -> previous + 1, executor);
    }
    return output.join();
  }

  /** {@code steps} independent zero-work steps; returns the first one's output. */
  public static int wide(Executor executor, int steps) {
    CompletableFuture<?>[] outputs = new CompletableFuture<?>[steps];
    for (int i = 0; i < steps; i++) {
      int value = i;
      outputs[i] = CompletableFuture.supplyAsync(() -> value, executor);
    }
    CompletableFuture.allOf(outputs).join();
    return (Integer) outputs[0].join();
  }

  /** A zero-work root, then {@code steps} steps that sleep {@code millis} each. */
  public static int fanOut(Executor executor, int steps, long millis) {
    CompletableFuture<Void> root = CompletableFuture.runAsync(() -> {}, executor);
    CompletableFuture<?>[] outputs = new CompletableFuture<?>[steps];
    for (int i = 0; i < steps; i++) {
      int value = i;
      outputs[i] = root.thenApplyAsync(ignored -> sleepThen(millis, value), executor);
    }
    CompletableFuture.allOf(outputs).join();
    return (Integer) outputs[0].join();
  }

  /** The graph of {@code LatencyDagPipeline}: root, then a and b, b then c, a and c then sink. */
  public static int latencyDag(Executor executor) {
    var root = CompletableFuture.supplyAsync(() -> sleepThen(ROOT_MS, 1), executor);
    var a = root.thenApplyAsync(value -> sleepThen(A_MS, value + 1), executor);
    var b = root.thenApplyAsync(value -> sleepThen(B_MS, value + 2), executor);
    var c = b.thenApplyAsync(value -> sleepThen(C_MS, value + 1), executor);
    return a.thenCombineAsync(c, (x, y) -> sleepThen(SINK_MS, x + y), executor).join();
  }

  /** The graph of {@code DiamondPipeline}: a, then b and c, then d. */
  public static CompletableFuture<Integer> diamond(Executor executor) {
    var a = CompletableFuture.supplyAsync(() -> 1, executor);
    var b = a.thenApplyAsync(value -> value + 1, executor);
    var c = a.thenApplyAsync(value -> value * 2, executor);
    return b.thenCombineAsync(c, Integer::sum, executor);
  }

  /** The diamond whose first step counts down {@code started}, then waits for {@code gate}. */
  public static CompletableFuture<Integer> gatedDiamond(
      Executor executor, CountDownLatch started, CountDownLatch gate) {
    var a = CompletableFuture.supplyAsync(() -> {
      started.countDown();
      await(gate);
      return 1;
    }, executor);
    var b = a.thenApplyAsync(value -> value + 1, executor);
    var c = a.thenApplyAsync(value -> value * 2, executor);
    return b.thenCombineAsync(c, Integer::sum, executor);
  }

  private static int sleepThen(long millis, int value) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
    return value;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }
}
