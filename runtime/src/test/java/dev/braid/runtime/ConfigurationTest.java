package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Run-time configuration: most specific wins (plan < PipelineConfig < RunOptions), each value is
 * checked where it is set with a message naming the field, and unknown step names are rejected
 * with the closest known one.
 */
@Timeout(30)
class ConfigurationTest {
  private static final Object[] NO_INPUTS = {};

  /** extract -> draft, draft with three retries from its annotations. */
  private static PipelinePlan plan() {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
    plan.step("extract");
    plan.step("draft", 0).retries(3);
    plan.output(1);
    return plan.build();
  }

  private static StepConfig retries(int retries) {
    return StepConfig.builder().retries(retries).build();
  }

  /** Runs with draft always failing and returns how many attempts it had. */
  private static int draftAttempts(PipelineEngine engine, RunOptions options) {
    AtomicInteger calls = new AtomicInteger();
    StepBody failing = (outputs, context) -> {
      calls.incrementAndGet();
      throw new IllegalStateException("boom");
    };
    assertThrows(StepExecutionException.class,
        () -> engine.execute(options, NO_INPUTS, (outputs, context) -> "x", failing));
    return calls.get();
  }

  @Test
  void theMostSpecificLevelWins() {
    PipelineEngine plain = PipelineEngine.create(plan());
    PipelineEngine configured = PipelineEngine.create(plan(),
        PipelineConfig.builder().step("draft", retries(2)).build());
    RunOptions options = RunOptions.builder().step("draft", retries(1)).build();

    assertThat(draftAttempts(plain, RunOptions.defaults())).isEqualTo(4);
    assertThat(draftAttempts(configured, RunOptions.defaults())).isEqualTo(3);
    assertThat(draftAttempts(configured, options)).isEqualTo(2);
    assertThat(draftAttempts(plain, options)).isEqualTo(2);
  }

  @Test
  void zeroRetriesReplacesANonZeroDefault() {
    PipelineEngine engine = PipelineEngine.create(plan(),
        PipelineConfig.builder().step("draft", retries(0)).build());

    assertThat(draftAttempts(engine, RunOptions.defaults())).isEqualTo(1);
  }

  @Test
  void aLevelLeavesUnsetWhatItDoesNotSet() {
    // The config sets only the timeout; the plan's three retries still apply.
    PipelineEngine engine = PipelineEngine.create(plan(), PipelineConfig.builder()
        .step("draft", StepConfig.builder().timeout(Duration.ofMillis(20)).build()).build());
    AtomicInteger calls = new AtomicInteger();

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> "x", (outputs, context) -> {
          calls.incrementAndGet();
          Waits.blockUntilInterrupted(new CountDownLatch(1));
          return "never";
        }));

    assertThat(calls.get()).isEqualTo(4);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo(
        "Step 'draft' of pipeline 'TicketPipeline' timed out after 20ms (attempt 4 of 4)");
  }

  @Test
  void settingsForTheSameStepMergeWithTheLaterWinning() {
    PipelineConfig config = PipelineConfig.builder()
        .step("draft", StepConfig.builder().timeout(Duration.ofSeconds(5)).retries(1).build())
        .step("draft", retries(2))
        .build();

    assertThat(config.steps().get("draft")).isEqualTo(
        StepConfig.builder().timeout(Duration.ofSeconds(5)).retries(2).build());
  }

  @Test
  void anUnknownStepInTheConfigIsRejectedWhenTheEngineIsCreated() {
    PipelineConfig config = PipelineConfig.builder().step("drft", retries(1)).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PipelineEngine.create(plan(), config));

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'TicketPipeline' has no step named 'drft' (in PipelineConfig); did you mean 'draft'?");
  }

  @Test
  void anUnknownStepInTheRunOptionsIsRejectedWhenTheRunStarts() {
    PipelineEngine engine = PipelineEngine.create(plan());
    StepBody body = (outputs, context) -> "x";

    IllegalArgumentException close = assertThrows(IllegalArgumentException.class,
        () -> engine.execute(RunOptions.builder().step("Extract", retries(1)).build(), NO_INPUTS,
            body, body));
    IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
        () -> engine.execute(RunOptions.builder().step("shipping", retries(1)).build(), NO_INPUTS,
            body, body));

    assertThat(close).hasMessageThat().isEqualTo(
        "Pipeline 'TicketPipeline' has no step named 'Extract' (in RunOptions); did you mean 'extract'?");
    assertThat(far).hasMessageThat().isEqualTo("Pipeline 'TicketPipeline' has no step named "
        + "'shipping' (in RunOptions); its steps are [extract, draft]");
  }

  @Test
  void stepConfigRejectsBadValuesNamingTheField() {
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> StepConfig.builder().timeout(Duration.ZERO))).hasMessageThat()
        .isEqualTo("StepConfig.timeout must be positive, was PT0S");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> StepConfig.builder().retries(-1))).hasMessageThat()
        .isEqualTo("StepConfig.retries must be 0 or more, was -1; use 0 for a single attempt");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> StepConfig.builder().retryDelay(Duration.ofMillis(-1)))).hasMessageThat()
        .isEqualTo("StepConfig.retryDelay must not be negative, was PT-0.001S");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> StepConfig.builder().maxRetryDelay(Duration.ofMillis(-1)))).hasMessageThat()
        .isEqualTo("StepConfig.maxRetryDelay must not be negative, was PT-0.001S");
    assertThat(assertThrows(NullPointerException.class,
        () -> StepConfig.builder().timeout(null))).hasMessageThat().isEqualTo("timeout");
  }

  @Test
  void stepConfigRejectsACapBelowTheDelayWithAdvice() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StepConfig.builder().retryDelay(Duration.ofSeconds(2))
            .maxRetryDelay(Duration.ofSeconds(1)).build());

    assertThat(e).hasMessageThat().isEqualTo("StepConfig.maxRetryDelay (PT1S) must not be below "
        + "retryDelay (PT2S); raise maxRetryDelay or lower retryDelay");
  }

  @Test
  void deadlinesMustBePositiveNamingTheirClass() {
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> RunOptions.builder().deadline(Duration.ZERO))).hasMessageThat()
        .isEqualTo("RunOptions.deadline must be positive, was PT0S");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> PipelineConfig.builder().deadline(Duration.ofSeconds(-1)))).hasMessageThat()
        .isEqualTo("PipelineConfig.deadline must be positive, was PT-1S");
  }
}
