package dev.braid.benchmarks.baseline;

import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.A_MS;
import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.B_MS;
import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.C_MS;
import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.ROOT_MS;
import static dev.braid.benchmarks.pipelines.LatencyDagPipeline.SINK_MS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * The hand-written baseline: each graph forks every step at once on its own virtual thread in one
 * {@link StructuredTaskScope}, and a step blocks interruptibly on the {@link CompletableFuture} of
 * each dependency before it runs, the shape of Braid's engine without its bookkeeping. The first
 * failure cancels the scope, which interrupts the waiting steps. Thread-safe: every call is a run
 * of its own.
 */
public final class StructuredGraphs {
  private StructuredGraphs() {}

  /** {@code steps} zero-work steps, each adding one to its predecessor's output. */
  public static int chain(int steps) throws InterruptedException {
    List<CompletableFuture<Integer>> outputs = promises(steps);
    try (var scope = StructuredTaskScope.open(Joiner.<Object>awaitAllSuccessfulOrThrow())) {
      CompletableFuture<Integer> first = outputs.get(0);
      scope.fork(() -> first.complete(0));
      for (int i = 1; i < steps; i++) {
        CompletableFuture<Integer> previous = outputs.get(i - 1);
        CompletableFuture<Integer> output = outputs.get(i);
        scope.fork(() -> output.complete(previous.get() + 1));
      }
      scope.join();
    }
    return outputs.get(steps - 1).resultNow();
  }

  /** {@code steps} independent zero-work steps; returns the first one's output. */
  public static int wide(int steps) throws InterruptedException {
    List<Subtask<Integer>> outputs = new ArrayList<>(steps);
    try (var scope = StructuredTaskScope.open(Joiner.<Integer>awaitAllSuccessfulOrThrow())) {
      for (int i = 0; i < steps; i++) {
        int value = i;
        outputs.add(scope.fork(() -> value));
      }
      scope.join();
    }
    return outputs.get(0).get();
  }

  /** A zero-work root, then {@code steps} steps that sleep {@code millis} each. */
  public static int fanOut(int steps, long millis) throws InterruptedException {
    CompletableFuture<Void> root = new CompletableFuture<>();
    List<Subtask<Integer>> outputs = new ArrayList<>(steps);
    try (var scope = StructuredTaskScope.open(Joiner.<Object>awaitAllSuccessfulOrThrow())) {
      scope.fork(() -> root.complete(null));
      for (int i = 0; i < steps; i++) {
        int value = i;
        outputs.add(scope.fork(() -> {
          root.get();
          Thread.sleep(millis);
          return value;
        }));
      }
      scope.join();
    }
    return outputs.get(0).get();
  }

  /** The graph of {@code LatencyDagPipeline}: root, then a and b, b then c, a and c then sink. */
  public static int latencyDag() throws InterruptedException {
    var root = new CompletableFuture<Integer>();
    var a = new CompletableFuture<Integer>();
    var b = new CompletableFuture<Integer>();
    var c = new CompletableFuture<Integer>();
    var sink = new CompletableFuture<Integer>();
    try (var scope = StructuredTaskScope.open(Joiner.<Object>awaitAllSuccessfulOrThrow())) {
      scope.fork(() -> root.complete(sleepThen(ROOT_MS, 1)));
      scope.fork(() -> a.complete(sleepThen(A_MS, root.get() + 1)));
      scope.fork(() -> b.complete(sleepThen(B_MS, root.get() + 2)));
      scope.fork(() -> c.complete(sleepThen(C_MS, b.get() + 1)));
      scope.fork(() -> sink.complete(sleepThen(SINK_MS, a.get() + c.get())));
      scope.join();
    }
    return sink.resultNow();
  }

  /** The graph of {@code DiamondPipeline}: a, then b and c, then d. */
  public static int diamond() throws InterruptedException {
    var a = new CompletableFuture<Integer>();
    var b = new CompletableFuture<Integer>();
    var c = new CompletableFuture<Integer>();
    var d = new CompletableFuture<Integer>();
    try (var scope = StructuredTaskScope.open(Joiner.<Object>awaitAllSuccessfulOrThrow())) {
      scope.fork(() -> a.complete(1));
      scope.fork(() -> b.complete(a.get() + 1));
      scope.fork(() -> c.complete(a.get() * 2));
      scope.fork(() -> d.complete(b.get() + c.get()));
      scope.join();
    }
    return d.resultNow();
  }

  /** The diamond whose first step counts down {@code started}, then waits for {@code gate}. */
  public static int gatedDiamond(CountDownLatch started, CountDownLatch gate)
      throws InterruptedException {
    var a = new CompletableFuture<Integer>();
    var b = new CompletableFuture<Integer>();
    var c = new CompletableFuture<Integer>();
    var d = new CompletableFuture<Integer>();
    try (var scope = StructuredTaskScope.open(Joiner.<Object>awaitAllSuccessfulOrThrow())) {
      scope.fork(() -> {
        started.countDown();
        gate.await();
        return a.complete(1);
      });
      scope.fork(() -> b.complete(a.get() + 1));
      scope.fork(() -> c.complete(a.get() * 2));
      scope.fork(() -> d.complete(b.get() + c.get()));
      scope.join();
    }
    return d.resultNow();
  }

  private static int sleepThen(long millis, int value) throws InterruptedException {
    Thread.sleep(millis);
    return value;
  }

  private static List<CompletableFuture<Integer>> promises(int count) {
    List<CompletableFuture<Integer>> promises = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      promises.add(new CompletableFuture<>());
    }
    return promises;
  }
}
