package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Step timeouts: each attempt is bounded, interrupted from a platform timer, retried like a
 * failure, and abandoned if it ignores the interrupt, so the run still ends on time.
 */
@Timeout(30)
class StepTimeoutTest {

  @Test
  void anAttemptPastItsTimeoutIsInterruptedAndFailsTheRunNamingStepLimitAndAttempt() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("enrich").timeout(Duration.ofMillis(50));
    plan.output(0);
    AtomicBoolean interrupted = new AtomicBoolean();

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan.build()).execute((outputs, context) -> {
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
          }
          return "never";
        }));

    assertThat(interrupted.get()).isTrue();
    assertThat(failure.stepName()).isEqualTo("enrich");
    assertThat(failure.getCause()).isInstanceOf(StepTimeoutException.class);
    assertThat(failure.getCause()).hasMessageThat()
        .isEqualTo("Step 'enrich' of pipeline 'OrderFlow' timed out after 50ms (attempt 1 of 1)");
  }

  @Test
  void aTimedOutAttemptIsRetriedAndTheRetryStartsWithoutAStaleInterrupt() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("enrich").timeout(Duration.ofMillis(300)).retries(2);
    plan.output(0);
    List<Boolean> interruptedAtStart = new ArrayList<>();

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute((outputs, context) -> {
      interruptedAtStart.add(Thread.currentThread().isInterrupted());
      if (context.attempt() < 3) {
        new CountDownLatch(1).await(); // hangs until the timeout interrupts it
      }
      return "done on attempt " + context.attempt();
    });

    assertThat(result.output()).isEqualTo("done on attempt 3");
    assertThat(result.step("enrich").attemptCount()).isEqualTo(3);
    assertThat(interruptedAtStart).containsExactly(false, false, false);
  }

  @Test
  void theLastTimeoutNamesTheAttemptOutOfAllAllowed() {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
    plan.step("draft").timeout(Duration.ofMillis(20)).retries(2);
    plan.output(0);

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan.build()).execute((outputs, context) -> {
          Thread.sleep(Duration.ofMinutes(1));
          return "never";
        }));

    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.getCause()).hasMessageThat()
        .isEqualTo("Step 'draft' of pipeline 'TicketPipeline' timed out after 20ms (attempt 3 of 3)");
  }

  @Test
  void aStepThatFinishesInTimeIsNotInterruptedLater() throws Exception {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("quick").timeout(Duration.ofMillis(100));
    plan.step("after", 0);
    plan.output(1);
    CountDownLatch afterRunning = new CountDownLatch(1);

    PipelineResult<Boolean> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> "fast",
        (outputs, context) -> {
          // Outlives quick's timeout on a thread that is not quick's: no stray interrupt reaches it.
          afterRunning.countDown();
          Thread.sleep(200);
          return Thread.currentThread().isInterrupted();
        });

    assertThat(afterRunning.getCount()).isEqualTo(0);
    assertThat(result.output()).isFalse();
    assertThat(result.step("quick").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void anAttemptIgnoringItsInterruptIsAbandonedAndTheRunEndsWithoutWaitingForIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("stubborn").timeout(Duration.ofMillis(50));
    plan.output(0);

    StepExecutionException failure;
    try {
      failure = assertThrows(StepExecutionException.class,
          () -> PipelineEngine.create(plan.build()).execute((outputs, context) -> {
            stubborn.set(Thread.currentThread());
            Waits.ignoreInterruptsUntil(release, interrupted);
            return "too late";
          }));
      // execute returned while the step's code was still blocked: release opens only now.
      assertThat(stubborn.get().isAlive()).isTrue();
    } finally {
      release.countDown();
    }

    assertThat(Waits.isOpen(interrupted)).isTrue();
    assertThat(failure).hasCauseThat().isInstanceOf(StepTimeoutException.class);
    StepRecord record = failure.partialResult().orElseThrow().step("stubborn");
    assertThat(record.status()).isEqualTo(StepStatus.FAILED);
    assertThat(record.abandoned()).isTrue();
    assertThat(record.attempts().getFirst().outcome()).isEqualTo(AttemptOutcome.TIMED_OUT);
    assertThat(stubborn.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  @Test
  void everyAttemptIsRecordedWithItsOutcomeAndTimeoutFailure() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("enrich").timeout(Duration.ofMillis(30)).retries(2);
    plan.output(0);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute((outputs, context) -> {
      if (context.attempt() < 3) {
        Waits.blockUntilInterrupted(new CountDownLatch(1));
      }
      return "done";
    });

    StepRecord enrich = result.step("enrich");
    assertThat(enrich.attempts().stream().map(AttemptRecord::outcome).toList()).containsExactly(
        AttemptOutcome.TIMED_OUT, AttemptOutcome.TIMED_OUT, AttemptOutcome.SUCCEEDED).inOrder();
    assertThat(enrich.attempts().stream().map(AttemptRecord::number).toList())
        .containsExactly(1, 2, 3).inOrder();
    assertThat(enrich.attempts().get(1).failure()).hasMessageThat()
        .isEqualTo("Step 'enrich' of pipeline 'OrderFlow' timed out after 30ms (attempt 2 of 3)");
    assertThat(enrich.attempts().get(2).failure()).isNull();
    assertThat(enrich.abandoned()).isFalse();
    for (int i = 1; i < 3; i++) {
      assertThat(enrich.attempts().get(i).startedAt())
          .isAtLeast(enrich.attempts().get(i - 1).finishedAt());
    }
  }

  @Test
  void theContextTellsTheStepWhenItsAttemptWillBeInterrupted() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("call").timeout(Duration.ofSeconds(20));
    plan.step("free", 0);
    plan.output(1);
    AtomicReference<StepContext> timed = new AtomicReference<>();
    AtomicReference<Duration> remaining = new AtomicReference<>();
    AtomicReference<StepContext> untimed = new AtomicReference<>();

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          timed.set(context);
          remaining.set(context.remaining().orElseThrow());
          return "called";
        },
        (outputs, context) -> {
          untimed.set(context);
          return "free";
        });

    AttemptRecord attempt = result.step("call").attempts().getFirst();
    assertThat(timed.get().deadline()).hasValue(attempt.startedAt().plusSeconds(20));
    assertThat(remaining.get()).isAtMost(Duration.ofSeconds(20));
    assertThat(remaining.get()).isGreaterThan(Duration.ZERO);
    assertThat(untimed.get().deadline()).isEmpty();
    assertThat(untimed.get().remaining()).isEmpty();
  }

  @Test
  void timeoutsFireWhileCpuBoundStepsKeepEveryCoreBusy() {
    // As many CPU-bound steps as carriers: nothing else gets a carrier until they end, so only a
    // timer outside the virtual-thread scheduler can end them. The bound is a guard against a
    // hang, not a timing assertion; TimeoutUnderLoadCheck measures the real delay.
    int busy = Math.max(2, Runtime.getRuntime().availableProcessors());
    PipelinePlan.Builder plan = PipelinePlan.builder("Busy");
    for (int i = 0; i < busy; i++) {
      plan.step("busy" + i).timeout(Duration.ofMillis(100));
    }
    plan.output(0);
    StepBody[] bodies = new StepBody[busy];
    Arrays.fill(bodies, (StepBody) (outputs, context) -> {
      Waits.busyUntilInterrupted();
      return "never";
    });
    long started = System.nanoTime();

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan.build()).execute(bodies));

    assertThat(failure).hasCauseThat().isInstanceOf(StepTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(Duration.ofSeconds(Waits.GUARD_SECONDS));
  }
}
