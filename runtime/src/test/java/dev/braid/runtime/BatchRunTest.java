package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BatchRun}: lazily pulled inputs, at most {@code maxInFlight} runs in progress or results
 * untaken, results in completion order, failures reported per input, and nothing left running
 * after {@code close()}.
 */
@Timeout(30)
class BatchRunTest {

  /** A result for {@code input} without running a pipeline. */
  private static PipelineResult<String> done(String input) {
    return new PipelineResult<>("Batch", input + " done", null, null, List.of(), Instant.EPOCH,
        Instant.EPOCH);
  }

  /** Inputs that count how many were pulled and can be told to fail on one. */
  private static final class CountingInputs implements Iterable<String> {
    final List<String> values;
    final int failAt;
    final AtomicInteger pulled = new AtomicInteger();

    CountingInputs(int failAt, String... values) {
      this.values = List.of(values);
      this.failAt = failAt;
    }

    CountingInputs(String... values) {
      this(-1, values);
    }

    @Override
    public Iterator<String> iterator() {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return pulled.get() < values.size();
        }

        @Override
        public String next() {
          int index = pulled.getAndIncrement();
          if (index == failAt) {
            throw new IllegalStateException("input source broke at " + index);
          }
          return values.get(index);
        }
      };
    }
  }

  /** Runs that each block until their own latch opens, and remember their threads. */
  private static final class GatedRuns implements Function<String, PipelineResult<String>> {
    final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    final Map<String, Thread> threads = new ConcurrentHashMap<>();
    final CountDownLatch interrupted = new CountDownLatch(100);
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final CountDownLatch twoStarted = new CountDownLatch(2);

    CountDownLatch gate(String input) {
      return gates.computeIfAbsent(input, key -> new CountDownLatch(1));
    }

    @Override
    public PipelineResult<String> apply(String input) {
      threads.put(input, Thread.currentThread());
      twoStarted.countDown();
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Waits.await(gate(input), "the gate of " + input);
        return done(input);
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
        throw new RunCancelledException("Batch", e);
      } finally {
        running.decrementAndGet();
      }
    }

    void openAll(String... inputs) {
      for (String input : inputs) {
        gate(input).countDown();
      }
    }
  }

  @Test
  void resultsComeBackInCompletionOrderTaggedWithTheirInput() {
    GatedRuns runs = new GatedRuns();
    try (BatchRun<String, String> batch = BatchRun.start(List.of("a", "b", "c"), 3, false, runs)) {
      Iterator<BatchResult<String, String>> results = batch.iterator();

      runs.openAll("c");
      BatchResult<String, String> first = results.next();
      runs.openAll("a");
      BatchResult<String, String> second = results.next();
      runs.openAll("b");
      BatchResult<String, String> third = results.next();

      assertThat(first.input()).isEqualTo("c");
      assertThat(first.resultOrThrow().output()).isEqualTo("c done");
      assertThat(second.input()).isEqualTo("a");
      assertThat(third.input()).isEqualTo("b");
      assertThat(results.hasNext()).isFalse();
      assertThrows(NoSuchElementException.class, results::next);
    }
  }

  @Test
  void runsInProgressPlusResultsNotTakenNeverExceedTheBound() throws Exception {
    CountingInputs inputs = new CountingInputs("a", "b", "c", "d", "e");
    GatedRuns runs = new GatedRuns();
    try (BatchRun<String, String> batch = BatchRun.start(inputs, 2, false, runs)) {
      // Starting pulls exactly the bound.
      assertThat(inputs.pulled.get()).isEqualTo(2);

      // Both runs finish, but nobody takes their results: nothing more is pulled or started.
      runs.openAll("a", "b", "c", "d", "e");
      Waits.await(runs.twoStarted, "the first two runs to start");
      awaitEnded(runs.threads.get("a"));
      awaitEnded(runs.threads.get("b"));
      assertThat(inputs.pulled.get()).isEqualTo(2);
      assertThat(runs.threads).hasSize(2);

      // Each take frees one slot, which the take refills before returning.
      Iterator<BatchResult<String, String>> results = batch.iterator();
      int taken = 0;
      while (results.hasNext()) {
        results.next();
        taken++;
        assertThat(inputs.pulled.get() - taken).isAtMost(2);
      }
      assertThat(taken).isEqualTo(5);
      assertThat(runs.maxRunning.get()).isAtMost(2);
    }
  }

  @Test
  void aFailedRunIsReportedWithItsInputAndTheOthersGoOn() {
    IllegalStateException boom = new IllegalStateException("boom");
    Function<String, PipelineResult<String>> run = input -> {
      if (input.equals("b")) {
        throw boom;
      }
      return done(input);
    };

    List<BatchResult<String, String>> results;
    try (BatchRun<String, String> batch = BatchRun.start(List.of("a", "b", "c"), 1, false, run)) {
      results = batch.stream().toList();
    }

    assertThat(results.stream().map(BatchResult::input).toList())
        .containsExactly("a", "b", "c").inOrder();
    BatchResult<String, String> failed = results.get(1);
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.failure()).hasValue(boom);
    assertThat(results.get(2).resultOrThrow().output()).isEqualTo("c done");
  }

  @Test
  void stopOnFailureCancelsTheRunsInProgressAndEndsTheBatch() throws Exception {
    CountingInputs inputs = new CountingInputs("blocked", "failing", "never", "never either");
    GatedRuns gated = new GatedRuns();
    CountDownLatch blockedRunning = new CountDownLatch(1);
    Function<String, PipelineResult<String>> run = input -> {
      if (input.equals("failing")) {
        try {
          Waits.await(blockedRunning, "the blocked run to start");
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        throw new IllegalStateException("boom");
      }
      blockedRunning.countDown();
      return gated.apply(input);
    };

    List<BatchResult<String, String>> results = new ArrayList<>();
    try (BatchRun<String, String> batch = BatchRun.start(inputs, 2, true, run)) {
      batch.forEach(results::add);
    }

    assertThat(results).hasSize(1);
    assertThat(results.getFirst().input()).isEqualTo("failing");
    assertThat(results.getFirst().failure().orElseThrow()).hasMessageThat().isEqualTo("boom");
    assertThat(gated.interrupted.getCount()).isEqualTo(99);
    assertThat(inputs.pulled.get()).isEqualTo(2);
    assertThat(gated.threads.get("blocked").isAlive()).isFalse();
  }

  @Test
  void closeCancelsTheRunsInProgressAndReturnsOnceTheirThreadsHaveEnded() {
    GatedRuns runs = new GatedRuns();
    BatchRun<String, String> batch = BatchRun.start(List.of("a", "b", "c"), 2, false, runs);

    batch.close();

    assertThat(runs.interrupted.getCount()).isEqualTo(98);
    for (Thread thread : runs.threads.values()) {
      assertThat(thread.isAlive()).isFalse();
    }
    assertThat(runs.threads.keySet()).containsExactly("a", "b");
    assertThat(batch.iterator().hasNext()).isFalse();
  }

  @Test
  void closingTheStreamClosesTheBatch() {
    GatedRuns runs = new GatedRuns();
    runs.openAll("quick");
    BatchRun<String, String> batch =
        BatchRun.start(List.of("quick", "stuck"), 2, false, runs);

    String first;
    try (Stream<BatchResult<String, String>> results = batch.stream()) {
      first = results.findFirst().orElseThrow().input();
    }

    assertThat(first).isEqualTo("quick");
    assertThat(runs.threads.get("stuck").isAlive()).isFalse();
    assertThat(runs.interrupted.getCount()).isEqualTo(99);
  }

  @Test
  void aBatchCanBeIteratedOnlyOnce() {
    try (BatchRun<String, String> batch =
        BatchRun.start(List.of("a"), 1, false, BatchRunTest::done)) {
      batch.iterator();

      IllegalStateException again = assertThrows(IllegalStateException.class, batch::iterator);
      IllegalStateException stream = assertThrows(IllegalStateException.class, batch::stream);

      assertThat(again).hasMessageThat().isEqualTo("A BatchRun can be iterated once; it already was");
      assertThat(stream).hasMessageThat().isEqualTo("A BatchRun can be iterated once; it already was");
    }
  }

  @Test
  void anExceptionFromTheInputsEndsTheBatchOnTheNextTake() {
    CountingInputs inputs = new CountingInputs(1, "a", "b", "c");
    try (BatchRun<String, String> batch = BatchRun.start(inputs, 1, false, BatchRunTest::done)) {
      Iterator<BatchResult<String, String>> results = batch.iterator();

      assertThat(results.next().input()).isEqualTo("a");
      IllegalStateException e = assertThrows(IllegalStateException.class, results::next);

      assertThat(e).hasMessageThat().isEqualTo("input source broke at 1");
      assertThat(results.hasNext()).isFalse();
      assertThat(inputs.pulled.get()).isEqualTo(2);
    }
  }

  @Test
  void maxInFlightBelowOneIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchRun.start(List.of("a"), 0, false, BatchRunTest::done));

    assertThat(e).hasMessageThat().isEqualTo("BatchRun.maxInFlight must be 1 or more, was 0");
  }

  @Test
  void eachRunsThreadDoesWhatTheLaunchMadeOfItsWorkOnTheThreadStartingIt() {
    Thread consumer = Thread.currentThread();
    List<Thread> launchers = new CopyOnWriteArrayList<>();
    ThreadLocal<String> launched = ThreadLocal.withInitial(() -> "not launched");
    UnaryOperator<Runnable> launch = work -> {
      launchers.add(Thread.currentThread());
      return () -> {
        launched.set("launched");
        work.run();
      };
    };

    List<String> outputs;
    try (BatchRun<String, String> batch = BatchRun.start(List.of("a", "b", "c"), 2, false,
        input -> done(input + " " + launched.get()), launch)) {
      outputs = batch.stream().map(done -> done.resultOrThrow().output()).sorted().toList();
    }

    assertThat(outputs)
        .containsExactly("a launched done", "b launched done", "c launched done").inOrder();
    assertThat(launchers).containsExactly(consumer, consumer, consumer);
  }

  @Test
  void runsARealPipelineForEveryInput() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Square").inputs("n");
    plan.step("square").readsInputs(0);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    List<Integer> inputs = IntStream.rangeClosed(1, 20).boxed().toList();

    Map<Integer, Integer> squares;
    try (BatchRun<Integer, Integer> batch = BatchRun.start(inputs, 4, false,
        n -> engine.execute(RunOptions.defaults(), new Object[] {n}, (outputs, context) -> n * n))) {
      squares = batch.stream()
          .collect(Collectors.toMap(BatchResult::input, done -> done.resultOrThrow().output()));
    }

    assertThat(squares).hasSize(20);
    assertThat(squares.get(7)).isEqualTo(49);
  }

  private static void awaitEnded(Thread thread) throws InterruptedException {
    assertThat(thread.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }
}
