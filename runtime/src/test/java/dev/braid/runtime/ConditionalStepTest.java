package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepOutputs;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Conditional steps: a step whose condition is false is skipped, its readers see no value, and the
 * run goes on; a condition that throws fails the step.
 */
@Timeout(30)
class ConditionalStepTest {
  /** classify → isTechnical → troubleshoot (when isTechnical) → reply (reads troubleshoot). */
  private static PipelinePlan plan() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Support");
    plan.step("classify");
    plan.step("isTechnical", 0);
    plan.step("troubleshoot", 1).when("isTechnical");
    plan.step("reply", 2);
    plan.output(3);
    return plan.build();
  }

  /** Runs {@link #plan()} for a ticket of {@code intent}; {@code condition} decides troubleshoot. */
  private static final class Steps implements StepDispatcher {
    private final String intent;
    private final AtomicBoolean troubleshootRan = new AtomicBoolean();
    private final @Nullable RuntimeException conditionFailure;

    Steps(String intent, @Nullable RuntimeException conditionFailure) {
      this.intent = intent;
      this.conditionFailure = conditionFailure;
    }

    @Override
    public @Nullable Object run(int step, StepOutputs outputs, StepContext context) {
      return switch (step) {
        case 0 -> intent;
        case 1 -> outputs.<String>get(0).equals("technical");
        case 2 -> {
          troubleshootRan.set(true);
          yield "restart the router";
        }
        case 3 -> {
          Optional<String> fix = outputs.optional(2);
          StepOutcome<String> outcome = outputs.outcome(2);
          yield fix.map(text -> "Try this: " + text)
              .orElse("Thanks, we are on it" + (outcome.isSkipped() ? " (no troubleshooting)" : ""));
        }
        default -> throw new IndexOutOfBoundsException(step);
      };
    }

    @Override
    public boolean shouldRun(int step, StepOutputs outputs) {
      if (step != 2) {
        throw new IllegalArgumentException("Step " + step + " has no condition");
      }
      if (conditionFailure != null) {
        throw conditionFailure;
      }
      return Boolean.TRUE.equals(outputs.get(1));
    }
  }

  @Test
  void aStepWhoseConditionHoldsRuns() {
    Steps steps = new Steps("technical", null);

    PipelineResult<String> result =
        PipelineEngine.create(plan()).execute(RunOptions.defaults(), new Object[0], steps);

    assertThat(result.output()).isEqualTo("Try this: restart the router");
    assertThat(result.step("troubleshoot").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void aStepWhoseConditionIsFalseIsSkippedAndItsReadersSeeNoValue() {
    Steps steps = new Steps("billing", null);

    PipelineResult<String> result =
        PipelineEngine.create(plan()).execute(RunOptions.defaults(), new Object[0], steps);

    assertThat(steps.troubleshootRan.get()).isFalse();
    assertThat(result.output()).isEqualTo("Thanks, we are on it (no troubleshooting)");
    StepRecord skipped = result.step("troubleshoot");
    assertThat(skipped.status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(skipped.attempts()).isEmpty();
    assertThat(skipped.startedAt()).isNull();
    assertThat(result.stepOutputs()).doesNotContainKey("troubleshoot");
    assertThat(result.timeline()).containsMatch("troubleshoot +skipped");
  }

  @Test
  void aConditionThatThrowsFailsItsStep() {
    Steps steps = new Steps("technical", new IllegalStateException("feature flags unavailable"));

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan()).execute(RunOptions.defaults(), new Object[0], steps));

    assertThat(e.stepName()).isEqualTo("troubleshoot");
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("feature flags unavailable");
    assertThat(steps.troubleshootRan.get()).isFalse();
  }

  @Test
  void aSkippedOutcomeSaysWhichConditionWasFalse() {
    StepOutcome<String> skipped = StepOutcome.skipped("the condition 'isTechnical' was false");

    assertThat(skipped.isSuccess()).isFalse();
    assertThat(skipped.isSkipped()).isTrue();
    assertThat(skipped.toOptional()).isEmpty();
    assertThat(assertThrows(IllegalStateException.class, skipped::failure)).hasMessageThat()
        .isEqualTo("The step was skipped, not failed: the condition 'isTechnical' was false");
  }

  @Test
  void theOutputStepCannotBeConditional() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Support");
    plan.step("gate");
    plan.step("answer", 0).when("gate");
    plan.output(1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, plan::build);

    assertThat(e).hasMessageThat().isEqualTo("Pipeline 'Support' cannot have a conditional output"
        + " step ('answer'): a skipped run would have no output");
  }
}
