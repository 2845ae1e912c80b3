package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Conversational steps: an incomplete {@link ConversationState} stops the run at once and becomes
 * its result; a complete one hands its data on.
 */
@Timeout(30)
class EarlyStopTest {
  private static final String ASK = "Ask the customer for their order number.";

  /** draft -> check (conversational) -> send, with sibling running beside check. */
  private static PipelinePlan ticketPlan() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("draft");
    plan.step("check", 0).conversational();
    plan.step("sibling", 0);
    plan.step("send", 1, 2);
    plan.output(3);
    return plan.build();
  }

  @Test
  void incompleteStateStopsTheRunAndBecomesItsResult() {
    CountDownLatch siblingStarted = new CountDownLatch(1);
    CountDownLatch siblingInterrupted = new CountDownLatch(1);
    AtomicBoolean sendRan = new AtomicBoolean();
    StepThreads threads = new StepThreads();

    PipelineResult<String> result = PipelineEngine.create(ticketPlan()).execute(threads.track(
        (outputs, context) -> "draft-1",
        (outputs, context) -> {
          Waits.await(siblingStarted, "sibling to be running");
          return ConversationState.incomplete(outputs.<String>get(0), ASK);
        },
        (outputs, context) -> {
          siblingStarted.countDown();
          Waits.blockUntilInterrupted(siblingInterrupted);
          return "sibling";
        },
        (outputs, context) -> {
          sendRan.set(true);
          return "sent";
        }));

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.stoppedAt()).hasValue("check");
    ConversationState<?> state = result.conversationState().orElseThrow();
    assertThat(state.status()).isEqualTo(ConversationStatus.INCOMPLETE);
    assertThat(state.data()).isEqualTo("draft-1");
    assertThat(state.context()).isEqualTo(ASK);

    assertThat(result.step("draft").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(result.step("check").status()).isEqualTo(StepStatus.STOPPED_EARLY);
    assertThat(result.step("check").attemptCount()).isEqualTo(1);
    StepRecord sibling = result.step("sibling");
    assertThat(sibling.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(sibling.attemptCount()).isEqualTo(1);
    assertThat(sibling.failure()).isNull();
    assertThat(Waits.isOpen(siblingInterrupted)).isTrue();
    StepRecord send = result.step("send");
    assertThat(send.status()).isEqualTo(StepStatus.NOT_STARTED);
    assertThat(send.attemptCount()).isEqualTo(0);
    assertThat(send.startedAt()).isNull();
    assertThat(send.finishedAt()).isNull();
    assertThat(sendRan.get()).isFalse();
    threads.assertAllEnded();
  }

  @Test
  void outputOfAStoppedRunThrowsSayingWhereAndWhy() {
    PipelineResult<String> result = PipelineEngine.create(ticketPlan()).execute(
        (outputs, context) -> "draft-1",
        (outputs, context) -> ConversationState.incomplete("draft-1", ASK),
        (outputs, context) -> "sibling",
        (outputs, context) -> "sent");

    IllegalStateException e = assertThrows(IllegalStateException.class, result::output);

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' stopped early at step 'check' and has no output (" + ASK
            + "); check stoppedEarly() or conversationState() first");
  }

  @Test
  void completeStateHandsItsDataToDependents() {
    PipelineResult<String> result = PipelineEngine.create(ticketPlan()).execute(
        (outputs, context) -> "draft-1",
        (outputs, context) -> ConversationState.complete(outputs.<String>get(0) + " checked"),
        (outputs, context) -> "sibling",
        (outputs, context) -> outputs.<String>get(1) + " and sent with " + outputs.get(2));

    assertThat(result.stoppedEarly()).isFalse();
    assertThat(result.conversationState()).isEmpty();
    assertThat(result.stoppedAt()).isEmpty();
    assertThat(result.output()).isEqualTo("draft-1 checked and sent with sibling");
    assertThat(result.step("check").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void completeOutputStepGivesItsDataAsTheOutput() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("answer").conversational();
    plan.output(0);

    PipelineResult<String> result = PipelineEngine.create(plan.build())
        .execute((outputs, context) -> ConversationState.complete("answer"));

    assertThat(result.output()).isEqualTo("answer");
  }

  @Test
  void stepFailingOnItsOwnAfterTheStopIsRecordedWithoutReplacingTheStop() {
    CountDownLatch siblingStarted = new CountDownLatch(1);
    IllegalStateException ownFailure = new IllegalStateException("failed while stopping");

    PipelineResult<String> result = PipelineEngine.create(ticketPlan()).execute(
        (outputs, context) -> "draft-1",
        (outputs, context) -> {
          Waits.await(siblingStarted, "sibling to be running");
          return ConversationState.incomplete("draft-1", ASK);
        },
        (outputs, context) -> {
          siblingStarted.countDown();
          try {
            Waits.blockUntilInterrupted(new CountDownLatch(1));
          } catch (InterruptedException e) {
            throw ownFailure;
          }
          return "sibling";
        },
        (outputs, context) -> "sent");

    assertThat(result.stoppedAt()).hasValue("check");
    assertThat(result.step("sibling").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.step("sibling").failure()).isSameInstanceAs(ownFailure);
  }

  @Test
  void conversationalStepReturningNullFailsTheRun() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("check").conversational();
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(
        StepExecutionException.class, () -> engine.execute((outputs, context) -> null));

    assertThat(e.stepName()).isEqualTo("check");
    assertThat(e).hasCauseThat().isInstanceOf(NullPointerException.class);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo(
        "Step 'check' of pipeline 'OrderFlow' returned null instead of a ConversationState");
  }
}
