package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
    assertThat(flaky.attemptCount()).isEqualTo(3);
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
  void retryPauseNeverExceedsMaxRetryDelay() {
    // Full jitter makes any pause from zero up to the bound legal, so only the cap is observable:
    // with an hour's retryDelay capped at 1 ms, the retry comes at once. (Replaces a test that the
    // pause lasted at least retryDelay, which full jitter no longer promises; RetryPolicyTest pins
    // the bounds deterministically.)
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(1).retryDelay(Duration.ofHours(1)).maxRetryDelay(Duration.ofMillis(1));
    plan.output(0);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          if (context.attempt() == 1) {
            throw new IllegalStateException("first");
          }
          return "second";
        });

    assertThat(result.output()).isEqualTo("second");
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
    assertThat(result.step("callModel").attemptCount()).isEqualTo(3);
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
    assertThat(result.step("patient").attemptCount()).isEqualTo(1);
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
    assertThat(flaky.attemptCount()).isEqualTo(1);
    assertThat(flaky.failure()).isNull();
  }

  @Test
  void retryOnRetriesOnlyTheListedExceptionsAndTheirSubclasses() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("listed").retries(2).retryOn(IOException.class);
    plan.step("unlisted").retries(2).retryOn(IOException.class);
    plan.output(0);
    AtomicInteger unlistedCalls = new AtomicInteger();

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan.build()).execute(
            (outputs, context) -> {
              if (context.attempt() < 3) {
                throw new SocketTimeoutException("subclass of IOException");
              }
              return "listed";
            },
            (outputs, context) -> {
              unlistedCalls.incrementAndGet();
              throw new IllegalStateException("not an IOException");
            }));

    assertThat(e.stepName()).isEqualTo("unlisted");
    assertThat(unlistedCalls.get()).isEqualTo(1);
  }

  @Test
  void abortOnIsNeverRetriedAndWinsOverRetryOn() {
    AtomicInteger calls = new AtomicInteger();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("charge").retries(3).retryOn(RuntimeException.class)
        .abortOn(IllegalArgumentException.class);
    plan.output(0);

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan.build()).execute((outputs, context) -> {
          calls.incrementAndGet();
          throw new NumberFormatException("a subclass of IllegalArgumentException");
        }));

    assertThat(calls.get()).isEqualTo(1);
    assertThat(e.attempts()).isEqualTo(1);
  }

  @Test
  void cancellationsAndRunExceptionsFromInsideAStepAreNotRetried() {
    List<Exception> stoppers = List.of(
        new CancellationException("cancelled"),
        new RunCancelledException("Inner", new InterruptedException()),
        new RunDeadlineExceededException("Inner", Duration.ofSeconds(1), List.of()),
        new IllegalStateException("wrapped", new InterruptedException()));
    for (Exception stopper : stoppers) {
      AtomicInteger calls = new AtomicInteger();
      PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
      plan.step("nested").retries(3);
      plan.output(0);

      StepExecutionException e = assertThrows(StepExecutionException.class,
          () -> PipelineEngine.create(plan.build()).execute((outputs, context) -> {
            calls.incrementAndGet();
            throw stopper;
          }));

      assertThat(e).hasCauseThat().isSameInstanceAs(stopper);
      assertThat(calls.get()).isEqualTo(1);
    }
  }

  @Test
  void zeroRetriesInRunOptionsOverridesTheStepsRetries() {
    AtomicInteger calls = new AtomicInteger();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(3);
    plan.output(0);

    assertThrows(StepExecutionException.class, () -> PipelineEngine.create(plan.build()).execute(
        RunOptions.builder().step("flaky", StepConfig.builder().retries(0).build()).build(),
        new Object[0],
        (outputs, context) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("boom");
        }));

    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void everyAttemptIsRecordedWithItsOutcomeTimesAndFailure() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(2);
    plan.output(0);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          if (context.attempt() < 3) {
            throw new IllegalStateException("attempt " + context.attempt());
          }
          return "ok";
        });

    StepRecord flaky = result.step("flaky");
    List<AttemptRecord> attempts = flaky.attempts();
    assertThat(attempts.stream().map(AttemptRecord::outcome).toList()).containsExactly(
        AttemptOutcome.FAILED, AttemptOutcome.FAILED, AttemptOutcome.SUCCEEDED).inOrder();
    assertThat(attempts.get(0).failure()).hasMessageThat().isEqualTo("attempt 1");
    assertThat(attempts.get(1).failure()).hasMessageThat().isEqualTo("attempt 2");
    assertThat(attempts.get(2).failure()).isNull();
    assertThat(attempts.getFirst().startedAt()).isEqualTo(flaky.startedAt());
    assertThat(attempts.getLast().finishedAt()).isAtMost(flaky.finishedAt());
    for (AttemptRecord attempt : attempts) {
      assertThat(attempt.finishedAt()).isAtLeast(attempt.startedAt());
    }
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
