package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run that can abandon attempts, called from a virtual thread: on Braid's own scope the caller
 * owns the run's scope itself, which must still return once the run settles, leaving behind the
 * thread of an attempt that ignores its interrupt, and join every other thread. On {@code
 * StructuredTaskScope} a thread of the run's own owns it; from outside both behave the same.
 */
@Timeout(30)
class VirtualCallerAbandonmentTest {
  private static final Object[] NO_INPUTS = new Object[0];

  @Test
  void anAbandonedAttemptIsRetriedAndTheCallerGetsTheOutputWhileItsThreadStillRuns()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("enrich").timeout(Duration.ofMillis(50)).retries(1);
    plan.step("reply", 0);
    plan.output(1);
    StepBody enrich = (outputs, context) -> {
      if (context.attempt() == 1) {
        stubborn.set(Thread.currentThread());
        Waits.ignoreInterruptsUntil(release, interrupted);
        return "too late";
      }
      return "enriched";
    };
    StepBody reply = (outputs, context) -> outputs.get(0) + ", replied";

    try {
      PipelineResult<String> result = onVirtualThread(
          () -> PipelineEngine.create(plan.build()).execute(enrich, reply));

      // The caller returned while the first attempt's code was still blocked.
      assertThat(stubborn.get().isAlive()).isTrue();
      assertThat(result.output()).isEqualTo("enriched, replied");
      StepRecord record = result.step("enrich");
      assertThat(record.abandoned()).isTrue();
      assertThat(record.attempts().getFirst().outcome()).isEqualTo(AttemptOutcome.TIMED_OUT);
      assertThat(record.attempts().get(1).outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
    } finally {
      release.countDown();
    }
    assertThat(Waits.isOpen(interrupted)).isTrue();
    assertThat(stubborn.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  @Test
  void theDeadlineEndsTheRunWhileAnAttemptIgnoresItsInterrupt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("stubborn");
    plan.step("after", 0);
    plan.output(1);
    RunOptions options = RunOptions.builder().deadline(Duration.ofMillis(100)).build();
    StepBody stubbornStep = (outputs, context) -> {
      stubborn.set(Thread.currentThread());
      Waits.ignoreInterruptsUntil(release, interrupted);
      return "too late";
    };
    StepBody after = (outputs, context) -> "never";

    try {
      Object outcome = onVirtualThread(() -> {
        try {
          return PipelineEngine.create(plan.build()).execute(options, NO_INPUTS, stubbornStep,
              after);
        } catch (RunDeadlineExceededException e) {
          return e;
        }
      });

      assertThat(stubborn.get().isAlive()).isTrue();
      assertThat(outcome).isInstanceOf(RunDeadlineExceededException.class);
      PipelineResult<?> partial =
          ((RunDeadlineExceededException) outcome).partialResult().orElseThrow();
      assertThat(partial.step("stubborn").abandoned()).isTrue();
      assertThat(partial.step("after").status()).isEqualTo(StepStatus.NOT_STARTED);
    } finally {
      release.countDown();
    }
    assertThat(stubborn.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  @Test
  void interruptingTheCallerCancelsTheRunWhileAnAttemptIgnoresItsInterrupt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("stubborn").timeout(Duration.ofSeconds(20));
    plan.output(0);
    StepBody stubbornStep = (outputs, context) -> {
      stubborn.set(Thread.currentThread());
      started.countDown();
      Waits.ignoreInterruptsUntil(release, interrupted);
      return "too late";
    };

    CompletableFuture<Object> outcome = new CompletableFuture<>();
    AtomicReference<Boolean> interruptKept = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        outcome.complete(PipelineEngine.create(plan.build()).execute(stubbornStep));
      } catch (RunCancelledException e) {
        interruptKept.set(Thread.currentThread().isInterrupted());
        outcome.complete(e);
      } catch (Throwable t) {
        outcome.completeExceptionally(t);
      }
    });
    try {
      Waits.await(started, "the stubborn step to start");
      caller.interrupt();

      Object ended = outcome.get(Waits.GUARD_SECONDS, SECONDS);
      assertThat(ended).isInstanceOf(RunCancelledException.class);
      assertThat(stubborn.get().isAlive()).isTrue();
      assertThat(interruptKept.get()).isTrue();
      StepRecord record =
          ((RunCancelledException) ended).partialResult().orElseThrow().step("stubborn");
      assertThat(record.abandoned()).isTrue();
      assertThat(record.status()).isEqualTo(StepStatus.CANCELLED);
    } finally {
      release.countDown();
    }
    assertThat(caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
    assertThat(stubborn.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  /** Calls {@code call} on a new virtual thread and returns what it returned. */
  private static <T> T onVirtualThread(Callable<T> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        result.complete(call.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result.get(Waits.GUARD_SECONDS, TimeUnit.SECONDS);
  }
}
