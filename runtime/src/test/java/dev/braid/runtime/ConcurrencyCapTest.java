package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A step's concurrency cap ({@code maxConcurrent}): shared by all runs of one engine, admitting in
 * arrival order, its wait inside the attempt's timeout and the run's deadline, and every slot given
 * back on every path. Runs are started one at a time and each is known to wait (the cap's queue
 * length) before the next starts, so orders and counts are exact, without sleeps.
 */
@Timeout(30)
class ConcurrencyCapTest {
  private static final Object[] NO_INPUTS = {};

  private static PipelinePlan.Builder draftPipeline(int cap) {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
    plan.step("draft").maxConcurrent(cap);
    plan.output(0);
    return plan;
  }

  /** Waits until {@code count} attempts of {@code step} wait for a slot of {@code engine}. */
  private static void awaitWaiting(PipelineEngine engine, String step, int count) {
    long guard = System.nanoTime() + Duration.ofSeconds(Waits.GUARD_SECONDS).toNanos();
    while (engine.slots().waiting(step) != count) {
      if (System.nanoTime() > guard) {
        throw new AssertionError("Gave up waiting for " + count + " attempts of " + step
            + " to wait for a slot; " + engine.slots().waiting(step) + " do");
      }
      Thread.onSpinWait();
    }
  }

  /** Waits until every slot of {@code step} is free again. */
  private static void awaitAllFree(PipelineEngine engine, String step, int cap) {
    long guard = System.nanoTime() + Duration.ofSeconds(Waits.GUARD_SECONDS).toNanos();
    while (engine.slots().free(step) != cap) {
      if (System.nanoTime() > guard) {
        throw new AssertionError(step + " has " + engine.slots().free(step) + " of " + cap
            + " slots free");
      }
      Thread.onSpinWait();
    }
  }

  private static <O> CompletableFuture<PipelineResult<O>> start(PipelineEngine engine,
      StepBody body) {
    return engine.executeAsync(RunOptions.defaults(), NO_INPUTS, body);
  }

  @Test
  void atMostTheCapRunsAtOnceAcrossAllRunsOfOneEngine() throws Exception {
    PipelineEngine engine = PipelineEngine.create(draftPipeline(2).build());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch twoIn = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    StepBody body = (outputs, context) -> {
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      twoIn.countDown();
      Waits.await(release, "the test to release the drafts");
      running.decrementAndGet();
      return "drafted";
    };

    List<CompletableFuture<PipelineResult<String>>> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      runs.add(start(engine, body));
    }
    Waits.await(twoIn, "two drafts to run");
    awaitWaiting(engine, "draft", 4);
    assertThat(running.get()).isEqualTo(2);
    release.countDown();

    for (CompletableFuture<PipelineResult<String>> run : runs) {
      assertThat(run.get().output()).isEqualTo("drafted");
    }
    assertThat(peak.get()).isEqualTo(2);
    assertThat(engine.slots().free("draft")).isEqualTo(2);
  }

  @Test
  void waitingAttemptsAreAdmittedInTheOrderTheyAsked() throws Exception {
    PipelineEngine engine = PipelineEngine.create(draftPipeline(1).build());
    CountDownLatch firstIn = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> admitted = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<PipelineResult<String>>> runs = new ArrayList<>();
    runs.add(start(engine, (outputs, context) -> {
      firstIn.countDown();
      Waits.await(release, "the test to release the first draft");
      return "first";
    }));
    Waits.await(firstIn, "the first draft to run");
    for (int i = 1; i <= 5; i++) {
      String name = "run " + i;
      runs.add(start(engine, (outputs, context) -> {
        admitted.add(name);
        return name;
      }));
      awaitWaiting(engine, "draft", i);
    }

    release.countDown();
    for (CompletableFuture<PipelineResult<String>> run : runs) {
      run.get();
    }

    assertThat(admitted).containsExactly("run 1", "run 2", "run 3", "run 4", "run 5").inOrder();
  }

  @Test
  void aWaitPastTheStepsTimeoutEndsTheAttemptAsATimeoutWaitingForASlot() throws Exception {
    PipelinePlan.Builder timed = PipelinePlan.builder("TicketPipeline");
    timed.step("draft").maxConcurrent(1).timeout(Duration.ofMillis(50)).retries(1);
    timed.output(0);
    PipelineEngine engine = PipelineEngine.create(timed.build());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<PipelineResult<String>> holder =
        engine.executeAsync(RunOptions.builder()
            .step("draft", StepConfig.builder().timeout(Duration.ofMinutes(1)).build()).build(),
            NO_INPUTS, (StepBody) (outputs, context) -> {
              holding.countDown();
              Waits.await(release, "the test to release the holder");
              return "held";
            });
    Waits.await(holding, "the holder to take the only slot");

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> engine.execute(RunOptions.defaults(), NO_INPUTS, (StepBody) (outputs, context) -> {
          calls.incrementAndGet();
          return "never";
        }));

    assertThat(failure.getCause()).isInstanceOf(StepTimeoutException.class);
    assertThat(((StepTimeoutException) failure.getCause()).waitingForSlot()).isTrue();
    assertThat(failure.getCause()).hasMessageThat().isEqualTo("Step 'draft' of pipeline"
        + " 'TicketPipeline' timed out after 50ms waiting for a concurrency slot (attempt 2 of 2);"
        + " raise its maxConcurrent or its timeout, or send fewer runs");
    StepRecord draft = failure.partialResult().orElseThrow().step("draft");
    assertThat(draft.attemptCount()).isEqualTo(2);
    for (AttemptRecord attempt : draft.attempts()) {
      assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.TIMED_OUT);
      assertThat(attempt.waited()).isEqualTo(attempt.duration());
      assertThat(attempt.waited()).isAtLeast(Duration.ofMillis(50));
    }
    assertThat(draft.waited()).isAtLeast(Duration.ofMillis(100));
    assertThat(calls.get()).isEqualTo(0);
    assertThat(engine.slots().waiting("draft")).isEqualTo(0);

    release.countDown();
    assertThat(holder.get().output()).isEqualTo("held");
    assertThat(engine.slots().free("draft")).isEqualTo(1);
  }

  @Test
  void aWaitPastTheRunsDeadlineStopsTheRunWithoutTakingASlot() throws Exception {
    PipelineEngine engine = PipelineEngine.create(draftPipeline(1).build());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<PipelineResult<String>> holder = start(engine, (outputs, context) -> {
      holding.countDown();
      Waits.await(release, "the test to release the holder");
      return "held";
    });
    Waits.await(holding, "the holder to take the only slot");

    RunDeadlineExceededException failure = assertThrows(RunDeadlineExceededException.class,
        () -> engine.execute(RunOptions.builder().deadline(Duration.ofMillis(50)).build(),
            NO_INPUTS, (StepBody) (outputs, context) -> "never"));

    AttemptRecord waited = failure.partialResult().orElseThrow().step("draft").attempts().getFirst();
    assertThat(waited.outcome()).isEqualTo(AttemptOutcome.CANCELLED);
    assertThat(waited.waited()).isEqualTo(waited.duration());
    assertThat(engine.slots().waiting("draft")).isEqualTo(0);
    assertThat(engine.slots().free("draft")).isEqualTo(0);

    release.countDown();
    holder.get();
    assertThat(engine.slots().free("draft")).isEqualTo(1);
  }

  @Test
  void aCancelledRunNeverTakesTheSlotItWaitedFor() throws Exception {
    PipelineEngine engine = PipelineEngine.create(draftPipeline(1).build());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<PipelineResult<String>> holder = start(engine, (outputs, context) -> {
      holding.countDown();
      Waits.await(release, "the test to release the holder");
      return "held";
    });
    Waits.await(holding, "the holder to take the only slot");
    CompletableFuture<PipelineResult<String>> cancelled = start(engine, (outputs, context) -> {
      calls.incrementAndGet();
      return "never";
    });
    awaitWaiting(engine, "draft", 1);

    cancelled.cancel(true);
    awaitWaiting(engine, "draft", 0);
    release.countDown();

    assertThat(holder.get().output()).isEqualTo("held");
    assertThrows(CancellationException.class, cancelled::get);
    awaitAllFree(engine, "draft", 1);
    assertThat(calls.get()).isEqualTo(0);
  }

  @Test
  void anUninterruptibleStepWaitingForASlotIsWithdrawnWhenItsRunIsCancelled() throws Exception {
    PipelinePlan.Builder plan = PipelinePlan.builder("Checkout");
    plan.step("charge").uninterruptible().maxConcurrent(1);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<PipelineResult<String>> holder = start(engine, (outputs, context) -> {
      holding.countDown();
      Waits.await(release, "the test to release the holder");
      return "charged";
    });
    Waits.await(holding, "the holder to take the only slot");
    CompletableFuture<PipelineResult<String>> cancelled = start(engine, (outputs, context) -> {
      calls.incrementAndGet();
      return "charged twice";
    });
    awaitWaiting(engine, "charge", 1);

    cancelled.cancel(true);
    // The cancelled run ends while the holder still holds the slot: it was not left waiting.
    awaitWaiting(engine, "charge", 0);
    assertThrows(CancellationException.class, cancelled::get);
    assertThat(holder.isDone()).isFalse();

    release.countDown();
    assertThat(holder.get().output()).isEqualTo("charged");
    awaitAllFree(engine, "charge", 1);
    assertThat(calls.get()).isEqualTo(0);
  }

  @Test
  void aStepThatThrowsGivesItsSlotBackAndTheNextRunGetsIt() throws Exception {
    PipelineEngine engine = PipelineEngine.create(draftPipeline(1).build());

    assertThrows(StepExecutionException.class, () -> engine.execute(RunOptions.defaults(),
        NO_INPUTS, (StepBody) (outputs, context) -> {
          throw new IllegalStateException("model down");
        }));

    assertThat(engine.slots().free("draft")).isEqualTo(1);
    PipelineResult<String> next = engine.execute(RunOptions.defaults(), NO_INPUTS,
        (StepBody) (outputs, context) -> "drafted");
    assertThat(next.output()).isEqualTo("drafted");
  }

  @Test
  void anEarlyStopElsewhereEndsTheWaitWithoutTakingASlot() throws Exception {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
    plan.step("draft").maxConcurrent(1);
    plan.step("ask").conversational();
    plan.step("reply", 0, 1);
    plan.output(2);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<PipelineResult<String>> holder = engine.executeAsync(RunOptions.defaults(),
        NO_INPUTS,
        (outputs, context) -> {
          holding.countDown();
          Waits.await(release, "the test to release the holder");
          return "held";
        },
        (outputs, context) -> ConversationState.complete("fine"),
        (outputs, context) -> "replied");
    Waits.await(holding, "the holder to take the only slot");
    CountDownLatch draftWaiting = new CountDownLatch(1);

    PipelineResult<String> stopped = engine.execute(RunOptions.defaults(), NO_INPUTS,
        (outputs, context) -> "never",
        (outputs, context) -> {
          awaitWaiting(engine, "draft", 1);
          draftWaiting.countDown();
          return ConversationState.incomplete("partial", "which order?");
        },
        (outputs, context) -> "never");

    assertThat(stopped.stoppedEarly()).isTrue();
    assertThat(draftWaiting.getCount()).isEqualTo(0);
    assertThat(stopped.step("draft").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(engine.slots().waiting("draft")).isEqualTo(0);
    release.countDown();
    assertThat(holder.get().output()).isEqualTo("replied");
    assertThat(engine.slots().free("draft")).isEqualTo(1);
  }

  @Test
  void anAbandonedAttemptKeepsItsSlotUntilItsCodeReturns() throws Exception {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
    plan.step("draft").maxConcurrent(1).timeout(Duration.ofMillis(30));
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);

    assertThrows(StepExecutionException.class, () -> engine.execute(RunOptions.defaults(),
        NO_INPUTS, (StepBody) (outputs, context) -> {
          Waits.ignoreInterruptsUntil(release, interrupted);
          return "too late";
        }));

    // The stuck code still runs, so the cap still counts it.
    assertThat(engine.slots().free("draft")).isEqualTo(0);
    release.countDown();
    awaitAllFree(engine, "draft", 1);
  }

  @Test
  void aConfigOverridesTheCapAndRunOptionsMayNotSetIt() throws Exception {
    PipelineEngine engine = PipelineEngine.create(draftPipeline(3).build(), PipelineConfig.builder()
        .step("draft", StepConfig.builder().maxConcurrent(1).build())
        .build());
    assertThat(engine.slots().free("draft")).isEqualTo(1);

    PipelineEngine uncapped = PipelineEngine.create(uncappedPlan(), PipelineConfig.builder()
        .step("draft", StepConfig.builder().maxConcurrent(2).build()).build());
    assertThat(uncapped.slots().free("draft")).isEqualTo(2);

    IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
        () -> engine.execute(RunOptions.builder()
            .step("draft", StepConfig.builder().maxConcurrent(5).build()).build(), NO_INPUTS,
            (StepBody) (outputs, context) -> "never"));
    assertThat(rejected).hasMessageThat().isEqualTo("RunOptions sets maxConcurrent of step"
        + " 'draft' of pipeline 'TicketPipeline', but that cap is shared by all runs of an"
        + " executor; set it in the executor's PipelineConfig or in @Step(maxConcurrent)");
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> StepConfig.builder().maxConcurrent(0));
    assertThat(zero).hasMessageThat()
        .isEqualTo("StepConfig.maxConcurrent must be at least 1, was 0; leave it unset for no cap");
  }

  private static PipelinePlan uncappedPlan() {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
    plan.step("draft");
    plan.output(0);
    return plan.build();
  }

  @Test
  void aStepWithoutACapDoesNotWaitAndRecordsNoWait() {
    PipelineEngine engine = PipelineEngine.create(uncappedPlan());
    PipelineResult<String> result = engine.execute(RunOptions.defaults(), NO_INPUTS,
        (StepBody) (outputs, context) -> "drafted");
    assertThat(engine.slots().steps()).isEmpty();
    assertThat(result.step("draft").waited()).isEqualTo(Duration.ZERO);
  }
}
