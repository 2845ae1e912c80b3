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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of small runs of random graphs with injected failures, early stops, retries, short
 * blocking and caller interrupts, from a fixed seed. Every run must end, in time, in a result or
 * one of the runtime's exceptions that agrees with what its steps did, and leave no step thread
 * alive.
 */
@Timeout(120)
class RandomRunsStressTest {
  private static final long SEED = 0x5EED_B4A1DL;
  private static final int RUNS = 3_000;

  /** What a step does. */
  private enum Kind {
    /** Returns its value. */
    PLAIN,
    /** Sleeps a little, interruptibly, then returns its value. */
    BLOCK,
    /** Throws an {@link InjectedFailure}. */
    FAIL,
    /** Conversational; returns an incomplete state, stopping the run. */
    STOP,
    /** Conversational; returns a complete state with its value. */
    COMPLETE,
    /** Fails its first attempt and succeeds on its one retry. */
    FLAKY,
    /** Interrupts the thread that called execute, then returns its value. */
    CANCEL_CALLER
  }

  /** The failure a {@link Kind#FAIL} or {@link Kind#FLAKY} step throws. */
  private static final class InjectedFailure extends RuntimeException {
    final int step;

    InjectedFailure(int step) {
      super("injected failure of s" + step, null, false, false);
      this.step = step;
    }
  }

  /** One random pipeline: step i is named "s" + i and depends only on earlier steps. */
  private record RandomPipeline(int run, Kind[] kinds, int[][] dependsOn, long[] sleepMicros) {

    static RandomPipeline generate(Random random, int run) {
      int size = 5 + random.nextInt(16);
      Kind[] kinds = new Kind[size];
      int[][] dependsOn = new int[size][];
      long[] sleepMicros = new long[size];
      for (int i = 0; i < size; i++) {
        kinds[i] = randomKind(random);
        sleepMicros[i] = random.nextInt(300);
        int wanted = i == 0 ? 0 : random.nextInt(Math.min(i, 3) + 1);
        dependsOn[i] = wanted == 0
            ? new int[0]
            : random.ints(0, i).distinct().limit(wanted).sorted().toArray();
      }
      return new RandomPipeline(run, kinds, dependsOn, sleepMicros);
    }

    private static Kind randomKind(Random random) {
      int roll = random.nextInt(1000);
      if (roll < 25) {
        return Kind.FAIL;
      } else if (roll < 50) {
        return Kind.STOP;
      } else if (roll < 55) {
        return Kind.CANCEL_CALLER;
      } else if (roll < 105) {
        return Kind.FLAKY;
      } else if (roll < 155) {
        return Kind.COMPLETE;
      } else if (roll < 305) {
        return Kind.BLOCK;
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
        if (kinds[i] == Kind.STOP || kinds[i] == Kind.COMPLETE) {
          step.conversational();
        } else if (kinds[i] == Kind.FLAKY) {
          step.retries(1);
        }
      }
      plan.output(size() - 1);
      return plan.build();
    }

    /** The value step {@code i} produces from its dependencies' values. */
    long value(int i, long[] dependencyValues) {
      long value = i * 1_000_003L;
      for (long dependency : dependencyValues) {
        value = value * 31 + dependency;
      }
      return value;
    }

    /** Every step's value in a run that ran it. */
    long[] expectedValues() {
      long[] values = new long[size()];
      for (int i = 0; i < size(); i++) {
        values[i] = value(i, Arrays.stream(dependsOn[i]).mapToLong(d -> values[d]).toArray());
      }
      return values;
    }

    boolean has(Kind kind) {
      return Arrays.asList(kinds).contains(kind);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("run " + run + " (seed " + SEED + "):");
      for (int i = 0; i < size(); i++) {
        out.append(' ').append(name(i)).append('=').append(kinds[i])
            .append(Arrays.toString(dependsOn[i]));
      }
      return out.toString();
    }
  }

  @Test
  void everyRandomRunEndsInATypedOutcomeAndLeavesNoStepThreadAlive() throws Exception {
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    ExecutorService callerPool =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "stress caller"));
    try {
      for (int run = 0; run < RUNS; run++) {
        RandomPipeline pipeline = RandomPipeline.generate(random, run);
        Future<String> outcome = callerPool.submit(() -> runAndCheck(pipeline));
        try {
          outcomes.merge(outcome.get(Waits.GUARD_SECONDS, SECONDS), 1, Integer::sum);
        } catch (TimeoutException e) {
          throw new AssertionError("Did not end within " + Waits.GUARD_SECONDS + " s: " + pipeline);
        } catch (ExecutionException e) {
          throw new AssertionError("Ended wrongly: " + pipeline, e.getCause());
        }
      }
    } finally {
      callerPool.shutdownNow();
      assertThat(callerPool.awaitTermination(Waits.GUARD_SECONDS, SECONDS)).isTrue();
    }

    // Each kind of ending happened often, so each branch of the checks below ran.
    assertWithMessage("outcomes %s", outcomes).that(outcomes.keySet())
        .containsExactly("output", "stopped early", "failed", "cancelled");
    for (int count : outcomes.values()) {
      assertWithMessage("outcomes %s", outcomes).that(count).isAtLeast(20);
    }
  }

  /** Runs the pipeline on the calling thread, checks how it ended, and names the outcome. */
  private static String runAndCheck(RandomPipeline pipeline) {
    Thread caller = Thread.currentThread();
    AtomicIntegerArray calls = new AtomicIntegerArray(pipeline.size());
    StepThreads threads = new StepThreads();
    StepBody[] bodies = new StepBody[pipeline.size()];
    for (int i = 0; i < pipeline.size(); i++) {
      bodies[i] = threads.track(body(pipeline, i, calls, caller));
    }

    Object outcome;
    try {
      outcome = PipelineEngine.create(pipeline.plan()).execute(bodies);
    } catch (StepExecutionException | RunCancelledException e) {
      outcome = e;
    }
    boolean callerInterrupted = Thread.interrupted();

    threads.assertAllEnded();
    boolean cancellerRan = false;
    for (int i = 0; i < pipeline.size(); i++) {
      cancellerRan |= pipeline.kinds()[i] == Kind.CANCEL_CALLER && calls.get(i) > 0;
    }
    return switch (outcome) {
      case RunCancelledException e -> {
        assertWithMessage("cancelled without any step interrupting the caller")
            .that(cancellerRan).isTrue();
        assertWithMessage("caller's interrupt status after RunCancelledException")
            .that(callerInterrupted).isTrue();
        yield "cancelled";
      }
      case StepExecutionException e -> {
        checkFailure(pipeline, e);
        yield "failed";
      }
      case PipelineResult<?> result -> {
        checkRecords(pipeline, result, calls);
        yield result.stoppedEarly() ? checkStop(pipeline, result) : checkOutput(pipeline, result);
      }
      default -> throw new AssertionError("Unexpected outcome " + outcome);
    };
  }

  private static StepBody body(
      RandomPipeline pipeline, int step, AtomicIntegerArray calls, Thread caller) {
    int[] dependencies = pipeline.dependsOn()[step];
    Kind kind = pipeline.kinds()[step];
    Duration sleep = Duration.ofNanos(pipeline.sleepMicros()[step] * 1_000);
    return (outputs, context) -> {
      calls.incrementAndGet(step);
      long[] inputs = new long[dependencies.length];
      for (int d = 0; d < dependencies.length; d++) {
        inputs[d] = outputs.<Long>get(dependencies[d]);
      }
      long value = pipeline.value(step, inputs);
      return switch (kind) {
        case PLAIN -> value;
        case BLOCK -> {
          Thread.sleep(sleep);
          yield value;
        }
        case FAIL -> throw new InjectedFailure(step);
        case STOP -> ConversationState.incomplete(value, "stopped at " + pipeline.name(step));
        case COMPLETE -> ConversationState.complete(value);
        case FLAKY -> {
          if (context.attempt() == 1) {
            throw new InjectedFailure(step);
          }
          yield value;
        }
        case CANCEL_CALLER -> {
          caller.interrupt();
          yield value;
        }
      };
    };
  }

  private static void checkFailure(RandomPipeline pipeline, StepExecutionException e) {
    int step = Integer.parseInt(e.stepName().substring(1));
    assertWithMessage("failing step %s", e.stepName())
        .that(pipeline.kinds()[step]).isEqualTo(Kind.FAIL);
    assertThat(e.pipelineName()).isEqualTo("Random" + pipeline.run());
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e).hasCauseThat().isInstanceOf(InjectedFailure.class);
    assertThat(((InjectedFailure) e.getCause()).step).isEqualTo(step);
    // Only real failures are suppressed, never a step's reaction to being interrupted.
    for (Throwable suppressed : e.getSuppressed()) {
      assertThat(suppressed).isInstanceOf(InjectedFailure.class);
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
    // A failing or stopping step always runs unless the run stops first.
    assertWithMessage("ran to the end despite failing or stopping steps")
        .that(pipeline.has(Kind.FAIL) || pipeline.has(Kind.STOP)).isFalse();
    for (StepRecord step : result.steps()) {
      assertWithMessage("%s", step).that(step.status()).isEqualTo(StepStatus.SUCCEEDED);
    }
    long[] expected = pipeline.expectedValues();
    assertThat(result.output()).isEqualTo(expected[expected.length - 1]);
    return "output";
  }

  /** Checks every record against what the step bodies did and against the graph. */
  private static void checkRecords(
      RandomPipeline pipeline, PipelineResult<?> result, AtomicIntegerArray calls) {
    List<StepRecord> records = result.steps();
    assertThat(records).hasSize(pipeline.size());
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
      if (record.attempts() != calls.get(i)) {
        problems.add(step + " has attempts " + record.attempts() + " but ran " + calls.get(i));
      }
      if ((record.startedAt() == null) == record.status().started()) {
        problems.add(step + " has times that disagree with its status");
      }
      boolean allowed = switch (record.status()) {
        case SUCCEEDED -> kind != Kind.FAIL && kind != Kind.STOP;
        case STOPPED_EARLY -> kind == Kind.STOP;
        case FAILED -> (kind == Kind.FAIL || kind == Kind.FLAKY)
            && record.failure() instanceof InjectedFailure;
        case CANCELLED -> kind == Kind.BLOCK || kind == Kind.FLAKY;
        case NOT_STARTED -> true;
      };
      if (!allowed) {
        problems.add(step + " cannot end " + record.status());
      }
      if (record.status().started()) {
        for (int dependency : pipeline.dependsOn()[i]) {
          StepRecord before = records.get(dependency);
          if (before.status() != StepStatus.SUCCEEDED) {
            problems.add(step + " started though " + before.name() + " ended " + before.status());
          } else if (record.startedAt().isBefore(before.finishedAt())) {
            problems.add(step + " started before " + before.name() + " finished");
          }
        }
      }
    }
    assertWithMessage("%s", pipeline).that(problems).isEmpty();
  }
}
