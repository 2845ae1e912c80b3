package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Optional steps: a failure leaves the run going, the step is recorded FAILED, and its dependents
 * read an empty value or a failed outcome; unrelated branches are not disturbed.
 */
@Timeout(30)
class OptionalStepTest {

  /** root -> enrich (optional) -> draft (output), and root -> audit beside them. */
  private static PipelinePlan.Builder ticketPlan() {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
    plan.step("root");
    plan.step("enrich", 0).optional();
    plan.step("draft", 1);
    plan.step("audit", 0);
    plan.output(2);
    return plan;
  }

  @Test
  void aFailingOptionalStepLeavesTheRunGoingAndItsDependentSeesTheFailure() {
    IllegalStateException down = new IllegalStateException("profile service down");
    AtomicReference<Optional<Object>> seenValue = new AtomicReference<>();
    AtomicReference<StepOutcome<Object>> seenOutcome = new AtomicReference<>();

    PipelineResult<String> result = PipelineEngine.create(ticketPlan().build()).execute(
        (outputs, context) -> "ticket",
        (outputs, context) -> {
          throw down;
        },
        (outputs, context) -> {
          seenValue.set(outputs.optional(1));
          seenOutcome.set(outputs.outcome(1));
          return "generic reply";
        },
        (outputs, context) -> "audited");

    assertThat(result.output()).isEqualTo("generic reply");
    assertThat(seenValue.get()).isEmpty();
    assertThat(seenOutcome.get().isSuccess()).isFalse();
    assertThat(seenOutcome.get().failure()).isSameInstanceAs(down);
    StepRecord enrich = result.step("enrich");
    assertThat(enrich.status()).isEqualTo(StepStatus.FAILED);
    assertThat(enrich.failure()).isSameInstanceAs(down);
    assertThat(result.step("audit").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(result.stepOutput("enrich")).isEmpty();
  }

  @Test
  void anUnrelatedBranchRunningWhenTheOptionalStepFailsIsNotInterrupted() {
    // draft starts only once enrich's failure has been handled, so audit, still running then,
    // would have been interrupted by now if the failure had stopped the run.
    CountDownLatch draftStarted = new CountDownLatch(1);
    AtomicBoolean auditInterrupted = new AtomicBoolean();

    PipelineResult<String> result = PipelineEngine.create(ticketPlan().build()).execute(
        (outputs, context) -> "ticket",
        (outputs, context) -> {
          throw new IllegalStateException("down");
        },
        (outputs, context) -> {
          draftStarted.countDown();
          return "reply";
        },
        (outputs, context) -> {
          Waits.await(draftStarted, "draft to start after enrich failed");
          auditInterrupted.set(Thread.currentThread().isInterrupted());
          return "audited";
        });

    assertThat(result.output()).isEqualTo("reply");
    assertThat(auditInterrupted.get()).isFalse();
    assertThat(result.step("audit").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void anOptionalStepThatSucceedsHandsOnItsValue() {
    PipelineResult<String> result = PipelineEngine.create(ticketPlan().build()).execute(
        (outputs, context) -> "ticket",
        (outputs, context) -> "profile",
        (outputs, context) -> outputs.<String>optional(1).orElse("none") + "/"
            + outputs.<String>outcome(1).value(),
        (outputs, context) -> "audited");

    assertThat(result.output()).isEqualTo("profile/profile");
    assertThat(result.step("enrich").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void anOptionalStepThatTimesOutIsAFailureItsDependentSees() {
    PipelinePlan.Builder plan = ticketPlan();
    plan.step("late", 0).optional().timeout(Duration.ofMillis(30));
    plan.step("summary", 4);
    plan.output(5);
    AtomicReference<Throwable> seen = new AtomicReference<>();

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> "ticket",
        (outputs, context) -> "profile",
        (outputs, context) -> "reply",
        (outputs, context) -> "audited",
        (outputs, context) -> {
          Waits.blockUntilInterrupted(new CountDownLatch(1));
          return "never";
        },
        (outputs, context) -> {
          seen.set(outputs.outcome(4).failure());
          return "summary";
        });

    assertThat(result.output()).isEqualTo("summary");
    assertThat(seen.get()).isInstanceOf(StepTimeoutException.class);
    assertThat(result.step("late").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.step("late").attempts().getFirst().outcome())
        .isEqualTo(AttemptOutcome.TIMED_OUT);
  }

  @Test
  void readingAFailedOptionalStepWithGetFailsTheReaderWithAdvice() {
    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(ticketPlan().build()).execute(
            (outputs, context) -> "ticket",
            (outputs, context) -> {
              throw new IllegalStateException("down");
            },
            (outputs, context) -> outputs.<String>get(1),
            (outputs, context) -> "audited"));

    assertThat(e.stepName()).isEqualTo("draft");
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("Step 'enrich' of pipeline "
        + "'TicketPipeline' failed and has no output; read an optional step with optional() or "
        + "outcome()");
  }

  @Test
  void theOutputStepFailsTheRunEvenIfMarkedOptional() {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
    plan.step("draft").optional();
    plan.output(0);

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan.build()).execute((outputs, context) -> {
          throw new IllegalStateException("no draft");
        }));

    assertThat(e.stepName()).isEqualTo("draft");
  }
}
