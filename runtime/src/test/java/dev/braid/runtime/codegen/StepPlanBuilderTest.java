package dev.braid.runtime.codegen;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.StepConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link StepPlan.Builder} validates each setting as it is set, naming the step. */
class StepPlanBuilderTest {

  private static StepPlan.Builder step() {
    return PipelinePlan.builder("OrderFlow").step("enrich");
  }

  @Test
  void rejectsAZeroTimeout() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> step().timeout(Duration.ZERO));

    assertThat(e).hasMessageThat().isEqualTo("Step 'enrich' timeout must be positive, was PT0S");
  }

  @Test
  void rejectsANegativeTimeout() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> step().timeout(Duration.ofSeconds(-2)));

    assertThat(e).hasMessageThat().isEqualTo("Step 'enrich' timeout must be positive, was PT-2S");
  }

  @Test
  void rejectsNegativeRetries() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> step().retries(-1));

    assertThat(e).hasMessageThat().isEqualTo("Step 'enrich' retries must be 0 or more, was -1");
  }

  @Test
  void rejectsANegativeRetryDelay() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> step().retryDelay(Duration.ofMillis(-5)));

    assertThat(e).hasMessageThat().isEqualTo(
        "Step 'enrich' retryDelay must not be negative, was PT-0.005S");
  }

  @Test
  void acceptsTheSmallestValidSettings() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("enrich").timeout(Duration.ofNanos(1)).retries(0).retryDelay(Duration.ZERO);
    builder.output(0);

    StepPlan step = builder.build().steps().get(0);

    assertThat(step.settings().timeout()).hasValue(Duration.ofNanos(1));
    assertThat(step.settings().retries()).hasValue(0);
    assertThat(step.settings().retryDelay()).hasValue(Duration.ZERO);
  }

  @Test
  void aRetryDelayAboveTheStepsOwnCapIsLoweredToTheCapWhichEveryPauseIsAnyway() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("capped").retryDelay(Duration.ofMinutes(1)).maxRetryDelay(Duration.ofSeconds(5));
    plan.output(0);

    StepConfig settings = plan.build().steps().getFirst().settings();

    assertThat(settings.retryDelay()).hasValue(Duration.ofSeconds(5));
    assertThat(settings.maxRetryDelay()).hasValue(Duration.ofSeconds(5));
  }
}
