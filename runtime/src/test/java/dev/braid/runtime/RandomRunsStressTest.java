package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of small runs of random graphs from a fixed seed, with injected failures, early stops,
 * retries, short blocking, optional steps, caller interrupts, async cancels, deadlines, and hangs
 * that ignore interruption under timeouts. Every run must end, in time, in a result or one of the
 * runtime's exceptions that agrees with what its steps did, and leave no step thread alive except
 * the threads of attempts it reports abandoned, which are counted and joined at the end.
 */
@Timeout(120)
class RandomRunsStressTest {
  private static final long SEED = 0x5EED_B4A1DL;
  private static final int RUNS = 3_000;
  private static final int CALLERS = 4;
  /** What a dependent reads from an optional step that failed. */
  private static final long NO_VALUE = -1;
  /** Opened at the end of the test; until then, {@link Kind#HANG} steps ignore every interrupt. */
  private static final CountDownLatch RELEASE_HANGS = new CountDownLatch(1);

  /** How a run is started and limited. */
  private enum Mode {
    /** execute on the caller's thread, no deadline: steps run inline. */
    PLAIN,
    /** execute with a short deadline; stalling steps hold the run until it passes. */
    DEADLINE,
    /** executeAsync; a canceller cancels the future. */
    ASYNC,
    /** execute; hanging steps ignore their timeout's interrupt and are abandoned. */
    HANGS
  }

  /** What a step does. */
  private enum Kind {
    /** Returns its value. */
    PLAIN,
    /** Sleeps a little, interruptibly, then returns its value. */
    BLOCK,
    /** Throws an {@link InjectedFailure}. */
    FAIL,
    /** Optional; throws an {@link InjectedFailure}, and its dependents read no value. */
    OPTIONAL_FAIL,
    /** Conversational; returns an incomplete state, stopping the run. */
    STOP,
    /** Conversational; returns a complete state with its value. */
    COMPLETE,
    /** Fails its first attempt and succeeds on its one retry. */
    FLAKY,
    /** Interrupts the thread that called execute (or cancels the async future), then returns. */
    CANCEL,
    /** Blocks until interrupted ({@link Mode#DEADLINE} only). */
    STALL,
    /** Has a short timeout and ignores interrupts until the test ends ({@link Mode#HANGS} only). */
    HANG
  }

  /** The failure a {@link Kind#FAIL}, {@link Kind#OPTIONAL_FAIL} or {@link Kind#FLAKY} step throws. */
  private static final class InjectedFailure extends RuntimeException {
    final int step;

    InjectedFailure(int step) {
      super("injected failure of s" + step, null, false, false);
      this.step = step;
    }
  }

  /** One random pipeline: step i is named "s" + i and depends only on earlier steps. */
  private record RandomPipeline(
      int run, Mode mode, Kind[] kinds, boolean[] optional, int[][] dependsOn, long[] sleepMicros) {

    static RandomPipeline generate(Random random, int run) {
      int roll = random.nextInt(100);
      Mode mode = roll < 70 ? Mode.PLAIN : roll < 82 ? Mode.DEADLINE : roll < 94 ? Mode.ASYNC
          : Mode.HANGS;
      // One in five is a long chain, deeper than the depth up to which Braid's own scope starts a
      // step's thread only once its dependencies have ended, so that both ways of starting run.
      boolean deep = random.nextInt(5) == 0;
      int size = deep ? 18 + random.nextInt(8) : 5 + random.nextInt(16);
      Kind[] kinds = new Kind[size];
      boolean[] optional = new boolean[size];
      int[][] dependsOn = new int[size][];
      long[] sleepMicros = new long[size];
      for (int i = 0; i < size; i++) {
        kinds[i] = randomKind(random, mode);
        optional[i] = kinds[i] == Kind.OPTIONAL_FAIL || kinds[i] == Kind.HANG && random.nextBoolean();
        sleepMicros[i] = random.nextInt(300);
        int wanted = i == 0 ? 0 : random.nextInt(Math.min(i, 3) + 1);
        dependsOn[i] = wanted == 0
            ? new int[0]
            : random.ints(0, i).distinct().limit(wanted).sorted().toArray();
        if (deep && i > 0) {
          dependsOn[i] = IntStream.concat(IntStream.of(dependsOn[i]), IntStream.of(i - 1))
              .distinct().sorted().toArray();
        }
      }
      // The output step is never optional (the processor's rule).
      if (optional[size - 1]) {
        optional[size - 1] = false;
        kinds[size - 1] = Kind.PLAIN;
      }
      return new RandomPipeline(run, mode, kinds, optional, dependsOn, sleepMicros);
    }

    private static Kind randomKind(Random random, Mode mode) {
      int roll = random.nextInt(1000);
      if (roll < 25) {
        return Kind.FAIL;
      } else if (roll < 50) {
        return Kind.STOP;
      } else if (roll < 55 || roll < 80 && mode == Mode.ASYNC) {
        return mode == Mode.DEADLINE || mode == Mode.HANGS ? Kind.PLAIN : Kind.CANCEL;
      } else if (roll < 105) {
        return Kind.FLAKY;
      } else if (roll < 155) {
        return Kind.COMPLETE;
      } else if (roll < 305) {
        return Kind.BLOCK;
      } else if (roll < 335) {
        return Kind.OPTIONAL_FAIL;
      } else if (roll < 435 && mode == Mode.DEADLINE) {
        return Kind.STALL;
      } else if (roll < 435 && mode == Mode.HANGS) {
        return Kind.HANG;
      }
      return Kind.PLAIN;
    }

    int size() {
      return kinds.length;
    }

    String name(int step) {
      return "s" + step;
    }

    PipelinePlan plan() {
      PipelinePlan.Builder plan = PipelinePlan.builder("Random" + run);
      for (int i = 0; i < size(); i++) {
        StepPlan.Builder step = plan.step(name(i), dependsOn[i]);
        switch (kinds[i]) {
          case STOP, COMPLETE -> step.conversational();
          case FLAKY -> step.retries(1);
          case HANG -> step.timeout(Duration.ofMillis(5));
          default -> { }
        }
        if (optional[i]) {
          step.optional();
        }
      }
      plan.output(size() - 1);
      return plan.build();
    }

    RunOptions options() {
      return mode == Mode.DEADLINE
          ? RunOptions.builder().deadline(Duration.ofMillis(20 + run % 20)).build()
          : RunOptions.defaults();
    }

    /** The value step {@code i} produces from its dependencies' values. */
    long value(int i, long[] dependencyValues) {
      long value = i * 1_000_003L;
      for (long dependency : dependencyValues) {
        value = value * 31 + dependency;
      }
      return value;
    }

    /** Every step's value in a run that ran it; an optional step always fails, so it has none. */
    long[] expectedValues() {
      long[] values = new long[size()];
      for (int i = 0; i < size(); i++) {
        values[i] = value(i, Arrays.stream(dependsOn[i])
            .mapToLong(d -> optional[d] ? NO_VALUE : values[d]).toArray());
      }
      return values;
    }

    boolean has(Kind kind) {
      return Arrays.asList(kinds).contains(kind);
    }

    boolean mayFail(int step) {
      Kind kind = kinds[step];
      return !optional[step] && (kind == Kind.FAIL || kind == Kind.HANG);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("run " + run + " " + mode + " (seed " + SEED + "):");
      for (int i = 0; i < size(); i++) {
        out.append(' ').append(name(i)).append('=').append(kinds[i])
            .append(optional[i] ? "?" : "").append(Arrays.toString(dependsOn[i]));
      }
      return out.toString();
    }
  }

  /** Threads of one run, by step, and what the run's own caller needs. */
  private static final class RunThreads {
    final List<ConcurrentLinkedQueue<Thread>> byStep = new ArrayList<>();
    final Thread caller = Thread.currentThread();
    final AtomicReference<CompletableFuture<?>> future = new AtomicReference<>();
    final CountDownLatch futureSet = new CountDownLatch(1);

    RunThreads(int size) {
      for (int i = 0; i < size; i++) {
        byStep.add(new ConcurrentLinkedQueue<>());
      }
    }
  }

  /** Threads of attempts the runs reported abandoned; each must end once the hangs are released. */
  private final ConcurrentLinkedQueue<Thread> abandoned = new ConcurrentLinkedQueue<>();
  private final AtomicInteger abandonedSteps = new AtomicInteger();

  @Test
  void everyRandomRunEndsInATypedOutcomeAndLeavesNoStepThreadAlive() throws Exception {
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    ExecutorService callerPool = Executors.newFixedThreadPool(CALLERS,
        Thread.ofPlatform().name("stress caller ", 0).factory());
    // Every other run is called from a virtual thread, which owns the run's scope itself where
    // the scope can leave abandoned attempts behind.
    ExecutorService virtualCallers = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("stress virtual caller ", 0).factory());
    try {
      List<RandomPipeline> pipelines = new ArrayList<>();
      List<Future<String>> futures = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        RandomPipeline pipeline = RandomPipeline.generate(random, run);
        pipelines.add(pipeline);
        ExecutorService callers = run % 2 == 0 ? callerPool : virtualCallers;
        futures.add(callers.submit(() -> runAndCheck(pipeline)));
      }
      for (int run = 0; run < RUNS; run++) {
        try {
          outcomes.merge(futures.get(run).get(Waits.GUARD_SECONDS, SECONDS), 1, Integer::sum);
        } catch (TimeoutException e) {
          throw new AssertionError(
              "Did not end within " + Waits.GUARD_SECONDS + " s: " + pipelines.get(run));
        } catch (ExecutionException e) {
          throw new AssertionError("Ended wrongly: " + pipelines.get(run), e.getCause());
        }
      }
    } finally {
      callerPool.shutdownNow();
      virtualCallers.shutdownNow();
      assertThat(callerPool.awaitTermination(Waits.GUARD_SECONDS, SECONDS)).isTrue();
      assertThat(virtualCallers.awaitTermination(Waits.GUARD_SECONDS, SECONDS)).isTrue();
      RELEASE_HANGS.countDown();
    }
    for (Thread thread : abandoned) {
      assertWithMessage("abandoned %s never ended", thread)
          .that(thread.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
    }

    // Each kind of ending happened often, so each branch of the checks below ran.
    assertWithMessage("outcomes %s", outcomes).that(outcomes.keySet()).containsExactly(
        "output", "stopped early", "failed", "cancelled", "async cancelled", "deadline");
    for (int count : outcomes.values()) {
      assertWithMessage("outcomes %s", outcomes).that(count).isAtLeast(20);
    }
    assertWithMessage("abandoned steps (outcomes %s)", outcomes)
        .that(abandonedSteps.get()).isAtLeast(20);
  }

  /** Runs the pipeline from the calling thread, checks how it ended, and names the outcome. */
  private String runAndCheck(RandomPipeline pipeline) throws Exception {
    AtomicIntegerArray calls = new AtomicIntegerArray(pipeline.size());
    RunThreads threads = new RunThreads(pipeline.size());
    StepBody[] bodies = new StepBody[pipeline.size()];
    for (int i = 0; i < pipeline.size(); i++) {
      StepBody body = body(pipeline, i, calls, threads);
      ConcurrentLinkedQueue<Thread> stepThreads = threads.byStep.get(i);
      bodies[i] = (outputs, context) -> {
        stepThreads.add(Thread.currentThread());
        return body.run(outputs, context);
      };
    }
    PipelineEngine engine = PipelineEngine.create(pipeline.plan());

    Object outcome;
    long started = System.nanoTime();
    if (pipeline.mode() == Mode.ASYNC) {
      CompletableFuture<PipelineResult<Object>> future =
          engine.executeAsync(pipeline.options(), new Object[0], bodies);
      threads.future.set(future);
      threads.futureSet.countDown();
      try {
        outcome = future.get(Waits.GUARD_SECONDS, SECONDS);
      } catch (ExecutionException e) {
        outcome = e.getCause();
      } catch (CancellationException e) {
        return checkAsyncCancel(pipeline, threads, calls);
      }
    } else {
      try {
        outcome = engine.execute(pipeline.options(), new Object[0], bodies);
      } catch (BraidException e) {
        outcome = e;
      }
    }
    boolean callerInterrupted = Thread.interrupted();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    if (outcome instanceof BraidException e) {
      checkRecords(pipeline, e.partialResult().orElseThrow(), calls, threads);
    } else if (outcome instanceof PipelineResult<?> result) {
      checkRecords(pipeline, result, calls, threads);
    }
    return switch (outcome) {
      case RunCancelledException e -> {
        assertWithMessage("cancelled without a canceller running")
            .that(ran(pipeline, calls, Kind.CANCEL)).isTrue();
        assertWithMessage("caller's interrupt status after RunCancelledException")
            .that(callerInterrupted).isTrue();
        yield "cancelled";
      }
      case RunDeadlineExceededException e -> {
        assertThat(pipeline.mode()).isEqualTo(Mode.DEADLINE);
        assertThat(e.deadline()).isEqualTo(pipeline.options().deadline().orElseThrow());
        // A guard against a run that ignores its deadline, not a timing assertion.
        assertThat(took).isLessThan(e.deadline().plusSeconds(5));
        yield "deadline";
      }
      case StepExecutionException e -> {
        checkFailure(pipeline, e);
        yield "failed";
      }
      case PipelineResult<?> result ->
          result.stoppedEarly() ? checkStop(pipeline, result) : checkOutput(pipeline, result);
      default -> throw new AssertionError("Unexpected outcome " + outcome,
          outcome instanceof Throwable thrown ? thrown : null);
    };
  }

  private StepBody body(RandomPipeline pipeline, int step, AtomicIntegerArray calls,
      RunThreads threads) {
    int[] dependencies = pipeline.dependsOn()[step];
    Kind kind = pipeline.kinds()[step];
    Duration sleep = Duration.ofNanos(pipeline.sleepMicros()[step] * 1_000);
    return (outputs, context) -> {
      calls.incrementAndGet(step);
      long[] inputs = new long[dependencies.length];
      for (int d = 0; d < dependencies.length; d++) {
        inputs[d] = pipeline.optional()[dependencies[d]]
            ? outputs.<Long>optional(dependencies[d]).orElse(NO_VALUE)
            : outputs.<Long>get(dependencies[d]);
      }
      long value = pipeline.value(step, inputs);
      return switch (kind) {
        case PLAIN -> value;
        case BLOCK -> {
          Thread.sleep(sleep);
          yield value;
        }
        case FAIL, OPTIONAL_FAIL -> throw new InjectedFailure(step);
        case STOP -> ConversationState.incomplete(value, "stopped at " + pipeline.name(step));
        case COMPLETE -> ConversationState.complete(value);
        case FLAKY -> {
          if (context.attempt() == 1) {
            throw new InjectedFailure(step);
          }
          yield value;
        }
        case CANCEL -> {
          if (pipeline.mode() == Mode.ASYNC) {
            Waits.await(threads.futureSet, "the future to be published");
            threads.future.get().cancel(true);
          } else {
            threads.caller.interrupt();
          }
          yield value;
        }
        case STALL -> {
          Waits.blockUntilInterrupted(new CountDownLatch(1));
          yield value;
        }
        case HANG -> {
          Waits.ignoreInterruptsUntil(RELEASE_HANGS, new CountDownLatch(1));
          yield value;
        }
      };
    };
  }

  /** A cancelled future hides the run's result, so only its threads can be checked. */
  private static String checkAsyncCancel(
      RandomPipeline pipeline, RunThreads threads, AtomicIntegerArray calls)
      throws InterruptedException {
    assertWithMessage("future cancelled without a canceller running")
        .that(ran(pipeline, calls, Kind.CANCEL)).isTrue();
    // No step of an ASYNC run has a timeout or deadline, so none can be abandoned.
    for (ConcurrentLinkedQueue<Thread> stepThreads : threads.byStep) {
      for (Thread thread : stepThreads) {
        assertWithMessage("%s still alive after its run was cancelled", thread)
            .that(thread.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
      }
    }
    return "async cancelled";
  }

  private static boolean ran(RandomPipeline pipeline, AtomicIntegerArray calls, Kind kind) {
    for (int i = 0; i < pipeline.size(); i++) {
      if (pipeline.kinds()[i] == kind && calls.get(i) > 0) {
        return true;
      }
    }
    return false;
  }

  private static void checkFailure(RandomPipeline pipeline, StepExecutionException e) {
    int step = Integer.parseInt(e.stepName().substring(1));
    assertWithMessage("failing step %s", e.stepName()).that(pipeline.mayFail(step)).isTrue();
    assertThat(e.pipelineName()).isEqualTo("Random" + pipeline.run());
    assertThat(e.attempts()).isEqualTo(1);
    if (pipeline.kinds()[step] == Kind.HANG) {
      assertThat(e).hasCauseThat().isInstanceOf(StepTimeoutException.class);
    } else {
      assertThat(e).hasCauseThat().isInstanceOf(InjectedFailure.class);
      assertThat(((InjectedFailure) e.getCause()).step).isEqualTo(step);
    }
    // Only real failures are suppressed, never a step's reaction to being interrupted.
    for (Throwable suppressed : e.getSuppressed()) {
      assertWithMessage("suppressed %s", suppressed)
          .that(suppressed instanceof InjectedFailure || suppressed instanceof StepTimeoutException)
          .isTrue();
    }
  }

  private static String checkStop(RandomPipeline pipeline, PipelineResult<?> result) {
    String stoppedAt = result.stoppedAt().orElseThrow();
    int step = Integer.parseInt(stoppedAt.substring(1));
    assertWithMessage("stopping step %s", stoppedAt)
        .that(pipeline.kinds()[step]).isEqualTo(Kind.STOP);
    assertThat(result.step(stoppedAt).status()).isEqualTo(StepStatus.STOPPED_EARLY);
    ConversationState<?> state = result.conversationState().orElseThrow();
    assertThat(state.isComplete()).isFalse();
    assertThat(state.data()).isEqualTo(pipeline.expectedValues()[step]);
    assertThat(state.context()).isEqualTo("stopped at " + stoppedAt);
    assertThrows(IllegalStateException.class, result::output);
    return "stopped early";
  }

  private static String checkOutput(RandomPipeline pipeline, PipelineResult<?> result) {
    // A failing, stopping or stalling step always runs unless the run stops first.
    assertWithMessage("ran to the end despite failing, stopping or stalling steps")
        .that(pipeline.has(Kind.FAIL) || pipeline.has(Kind.STOP) || pipeline.has(Kind.STALL)
            || anyMayFail(pipeline)).isFalse();
    for (int i = 0; i < pipeline.size(); i++) {
      StepRecord step = result.steps().get(i);
      StepStatus expected = pipeline.optional()[i] ? StepStatus.FAILED : StepStatus.SUCCEEDED;
      assertWithMessage("%s", step).that(step.status()).isEqualTo(expected);
    }
    long[] expected = pipeline.expectedValues();
    assertThat(result.output()).isEqualTo(expected[expected.length - 1]);
    return "output";
  }

  private static boolean anyMayFail(RandomPipeline pipeline) {
    for (int i = 0; i < pipeline.size(); i++) {
      if (pipeline.mayFail(i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks every record against what the step bodies did and against the graph, and that every
   * step thread still alive belongs to an attempt the record says was abandoned. On Braid's own
   * scope one thread can run a step and then a dependent of it, so a step that ended may have its
   * thread still alive in the attempt of a later step the run abandoned.
   */
  private void checkRecords(RandomPipeline pipeline, PipelineResult<?> result,
      AtomicIntegerArray calls, RunThreads threads) {
    List<StepRecord> records = result.steps();
    assertThat(records).hasSize(pipeline.size());
    Set<Thread> abandonedThreads = new HashSet<>();
    for (int i = 0; i < pipeline.size(); i++) {
      if (records.get(i).abandoned()) {
        abandonedThreads.addAll(threads.byStep.get(i));
      }
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < pipeline.size(); i++) {
      StepRecord record = records.get(i);
      Kind kind = pipeline.kinds()[i];
      String step = record.name() + " (" + kind + ", " + record + ")";
      if (!record.name().equals(pipeline.name(i))) {
        problems.add(step + " is out of order");
      }
      if ((calls.get(i) == 0) != (record.status() == StepStatus.NOT_STARTED)) {
        problems.add(step + " ran " + calls.get(i) + " times");
      }
      if (record.attemptCount() != calls.get(i)) {
        problems.add(step + " has attempts " + record.attemptCount() + " but ran " + calls.get(i));
      }
      if ((record.startedAt() == null) == record.status().started()) {
        problems.add(step + " has times that disagree with its status");
      }
      boolean allowed = switch (record.status()) {
        case SUCCEEDED -> kind != Kind.FAIL && kind != Kind.OPTIONAL_FAIL && kind != Kind.STOP
            && kind != Kind.HANG && kind != Kind.STALL;
        case STOPPED_EARLY -> kind == Kind.STOP;
        case FAILED -> (kind == Kind.FAIL || kind == Kind.OPTIONAL_FAIL || kind == Kind.FLAKY)
            && record.failure() instanceof InjectedFailure
            || kind == Kind.HANG && record.failure() instanceof StepTimeoutException;
        // A step that throws while the stop is interrupting its thread counts as cancelled.
        case CANCELLED -> kind == Kind.BLOCK || kind == Kind.FLAKY || kind == Kind.STALL
            || kind == Kind.HANG || kind == Kind.FAIL || kind == Kind.OPTIONAL_FAIL
            || kind == Kind.CANCEL && pipeline.mode() == Mode.ASYNC // waits for its future
            || record.abandoned();
        case NOT_STARTED -> true;
        case REUSED, SKIPPED -> false;
      };
      if (!allowed) {
        problems.add(step + " cannot end " + record.status());
      }
      if (record.status().started()) {
        for (int dependency : pipeline.dependsOn()[i]) {
          StepRecord before = records.get(dependency);
          StepStatus ready = pipeline.optional()[dependency] ? StepStatus.FAILED : StepStatus.SUCCEEDED;
          if (before.status() != ready) {
            problems.add(step + " started though " + before.name() + " ended " + before.status());
          } else if (record.startedAt().isBefore(before.finishedAt())) {
            problems.add(step + " started before " + before.name() + " finished");
          }
        }
      }
      if (record.abandoned()) {
        abandonedSteps.incrementAndGet();
        abandoned.addAll(threads.byStep.get(i));
      } else {
        for (Thread thread : threads.byStep.get(i)) {
          if (thread.isAlive() && !abandonedThreads.contains(thread)) {
            problems.add(step + " left " + thread + " alive without being abandoned");
          }
        }
      }
    }
    assertWithMessage("%s", pipeline).that(problems).isEmpty();
  }
}
