package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries: which failures earn another attempt, how many, and what each attempt sees. */
@Timeout(30)
class RetryTest {

  @Test
  void stepFailingTwiceSucceedsOnItsThirdAttemptWithTwoRetries() {
    List<Integer> attemptsSeen = new CopyOnWriteArrayList<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(2).retryDelay(Duration.ofMillis(5));
    plan.output(0);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          attemptsSeen.add(context.attempt());
          assertThat(context.pipelineName()).isEqualTo("OrderFlow");
          assertThat(context.stepName()).isEqualTo("flaky");
          if (context.attempt() < 3) {
            throw new IllegalStateException("attempt " + context.attempt());
          }
          return "ok on " + context.attempt();
        });

    assertThat(result.output()).isEqualTo("ok on 3");
    assertThat(attemptsSeen).containsExactly(1, 2, 3).inOrder();
    StepRecord flaky = result.step("flaky");
    assertThat(flaky.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(flaky.attempts()).isEqualTo(3);
    assertThat(flaky.failure()).isNull();
  }

  @Test
  void withoutRetriesAStepFailsAfterOneAttempt() {
    AtomicInteger calls = new AtomicInteger();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("once").retries(0);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> engine.execute(
        (outputs, context) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("boom");
        }));

    assertThat(calls.get()).isEqualTo(1);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e).hasMessageThat().isEqualTo(
        "Step 'once' of pipeline 'OrderFlow' failed after 1 attempt: "
            + "java.lang.IllegalStateException: boom");
  }

  @Test
  void exhaustedRetriesFailWithTheLastAttemptsException() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("broken").retries(2);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> engine.execute(
        (outputs, context) -> {
          throw new IllegalStateException("boom " + context.attempt());
        }));

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("boom 3");
    assertThat(e).hasMessageThat().isEqualTo(
        "Step 'broken' of pipeline 'OrderFlow' failed after 3 attempts: "
            + "java.lang.IllegalStateException: boom 3");
  }

  @Test
  void errorIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    Error fatal = new Error("fatal");
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("fatal").retries(3);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> engine.execute(
        (outputs, context) -> {
          calls.incrementAndGet();
          throw fatal;
        }));

    assertThat(calls.get()).isEqualTo(1);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e).hasCauseThat().isSameInstanceAs(fatal);
  }

  @Test
  void retryWaitsAtLeastTheRetryDelay() {
    Duration delay = Duration.ofMillis(50);
    AtomicLong failedAt = new AtomicLong();
    AtomicLong retriedAt = new AtomicLong();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(1).retryDelay(delay);
    plan.output(0);

    PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          if (context.attempt() == 1) {
            failedAt.set(System.nanoTime());
            throw new IllegalStateException("first");
          }
          retriedAt.set(System.nanoTime());
          return "second";
        });

    // A lower bound only: sleeping never ends early, however loaded the machine.
    assertThat(retriedAt.get() - failedAt.get()).isAtLeast(delay.toNanos());
  }

  @Test
  void socketTimeoutIsRetriedLikeAnyOtherException() {
    // SocketTimeoutException extends InterruptedIOException, yet no thread was interrupted: a
    // read timeout of a model or HTTP call is the most common failure worth retrying.
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("callModel").retries(2);
    plan.output(0);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          if (context.attempt() < 3) {
            throw new SocketTimeoutException("Read timed out");
          }
          return "answer";
        });

    assertThat(result.output()).isEqualTo("answer");
    assertThat(result.step("callModel").attempts()).isEqualTo(3);
  }

  @Test
  void stepInterruptedByTheStopIsNotRetried() {
    CountDownLatch patientStarted = new CountDownLatch(1);
    AtomicInteger patientCalls = new AtomicInteger();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("patient").retries(5);
    plan.step("check").conversational();
    plan.step("sink", 0, 1);
    plan.output(2);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          patientCalls.incrementAndGet();
          patientStarted.countDown();
          Waits.blockUntilInterrupted(new CountDownLatch(1));
          return "patient";
        },
        (outputs, context) -> {
          Waits.await(patientStarted, "patient to be running");
          return ConversationState.incomplete("draft", "Ask again.");
        },
        (outputs, context) -> "sink");

    assertThat(patientCalls.get()).isEqualTo(1);
    assertThat(result.step("patient").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(result.step("patient").attempts()).isEqualTo(1);
  }

  @Test
  void stepCancelledWhileWaitingToRetryIsRecordedCancelledWithoutAFailure() throws Exception {
    // flaky fails its first attempt and sleeps a minute before retrying; the run stops while it
    // sleeps. StepRecord.failure() is documented as null for anything but a FAILED step.
    AtomicReference<Thread> flakyThread = new AtomicReference<>();
    CountDownLatch flakyFailing = new CountDownLatch(1);
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(1).retryDelay(Duration.ofMinutes(1));
    plan.step("check").conversational();
    plan.step("sink", 0, 1);
    plan.output(2);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          flakyThread.set(Thread.currentThread());
          flakyFailing.countDown();
          throw new IllegalStateException("first attempt");
        },
        (outputs, context) -> {
          Waits.await(flakyFailing, "flaky to fail its first attempt");
          awaitSleeping(flakyThread.get());
          return ConversationState.incomplete("draft", "Ask again.");
        },
        (outputs, context) -> "sink");

    StepRecord flaky = result.step("flaky");
    assertThat(flaky.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(flaky.attempts()).isEqualTo(1);
    assertThat(flaky.failure()).isNull();
  }

  /** Waits until {@code thread} is in a timed wait, which for flaky is the retry delay. */
  private static void awaitSleeping(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(Waits.GUARD_SECONDS).toNanos();
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("flaky never started waiting to retry");
      }
      Thread.sleep(1);
    }
  }
}
