package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code executeAsync}: a run on a virtual thread of its own whose future completes with the result
 * or the run's exception, and whose cancellation cancels the run.
 */
@Timeout(30)
class AsyncRunTest {
  private static final Object[] NO_INPUTS = {};

  /** blocked -> after. */
  private static PipelineEngine engine() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("first");
    plan.step("second", 0);
    plan.output(1);
    return PipelineEngine.create(plan.build());
  }

  @Test
  void theFutureCompletesWithTheResult() throws Exception {
    CompletableFuture<PipelineResult<String>> future = engine().executeAsync(
        RunOptions.defaults(), NO_INPUTS,
        (outputs, context) -> "a",
        (outputs, context) -> outputs.<String>get(0) + "b");

    assertThat(future.get(Waits.GUARD_SECONDS, SECONDS).output()).isEqualTo("ab");
  }

  @Test
  void theFutureCompletesExceptionallyWithTheRunsException() {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<PipelineResult<String>> future = engine().executeAsync(
        RunOptions.defaults(), NO_INPUTS,
        (outputs, context) -> {
          throw boom;
        },
        (outputs, context) -> "never");

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> future.get(Waits.GUARD_SECONDS, SECONDS));

    assertThat(e).hasCauseThat().isInstanceOf(StepExecutionException.class);
    assertThat(e.getCause()).hasCauseThat().isSameInstanceAs(boom);
  }

  @ParameterizedTest(name = "cancel({0})")
  @ValueSource(booleans = {true, false})
  void cancellingTheFutureInterruptsTheRunsStepsAndStartsNoMore(boolean mayInterrupt)
      throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicBoolean secondRan = new AtomicBoolean();
    StepThreads threads = new StepThreads();
    CompletableFuture<PipelineResult<String>> future = engine().executeAsync(
        RunOptions.defaults(), NO_INPUTS, threads.track(
            (outputs, context) -> {
              blocked.countDown();
              Waits.blockUntilInterrupted(interrupted);
              return "never";
            },
            (outputs, context) -> {
              secondRan.set(true);
              return "never";
            }));
    Waits.await(blocked, "the first step to block");

    assertThat(future.cancel(mayInterrupt)).isTrue();

    Waits.await(interrupted, "the blocked step to be interrupted");
    assertThat(future.isCancelled()).isTrue();
    assertThrows(CancellationException.class, future::join);
    Thread stepThread = threads.of("first");
    assertThat(stepThread.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
    assertThat(secondRan.get()).isFalse();
  }

  @Test
  void cancellingAFinishedRunChangesNothing() throws Exception {
    CompletableFuture<PipelineResult<String>> future = engine().executeAsync(
        RunOptions.defaults(), NO_INPUTS,
        (outputs, context) -> "a",
        (outputs, context) -> "b");
    PipelineResult<String> result = future.get(Waits.GUARD_SECONDS, SECONDS);

    assertThat(future.cancel(true)).isFalse();
    assertThat(future.join()).isSameInstanceAs(result);
  }

  @Test
  void badArgumentsAreRejectedAtOnceRatherThanThroughTheFuture() {
    StepBody only = (outputs, context) -> "only";

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> engine().executeAsync(RunOptions.defaults(), NO_INPUTS, only));

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' has 2 steps but was given 1 step bodies");
  }
}
