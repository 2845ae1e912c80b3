package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

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
    assertThat(result.step("enrich").attempts()).isEqualTo(3);
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
}
