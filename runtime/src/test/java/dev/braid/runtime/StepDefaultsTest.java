package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link PipelineConfig#stepDefaults()} in runs: over {@code @Pipeline}'s defaults, under a step's
 * own {@code @Step} attributes and everything more specific.
 */
@Timeout(30)
class StepDefaultsTest {

  /** Two steps that fail until their third attempt; "own" writes its retries, "plain" does not. */
  private static PipelinePlan plan(StepConfig pipelineDefaults) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts").stepDefaults(pipelineDefaults);
    plan.step("plain");
    plan.step("own", 0).retries(0);
    plan.output(1);
    return plan.build();
  }

  private static PipelineResult<String> runFlaky(PipelineEngine engine, AtomicInteger plainTries,
      RunOptions options) {
    return engine.execute(options, new Object[0],
        (outputs, context) -> {
          if (plainTries.incrementAndGet() < 3) {
            throw new IllegalStateException("flaky");
          }
          return "plain";
        },
        (outputs, context) -> "own after " + context.attempt());
  }

  @Test
  void aConcurrencyCapIsNoStepDefault() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> PipelineConfig.builder().stepDefaults(StepConfig.builder().maxConcurrent(5).build()));

    assertThat(refused).hasMessageThat().isEqualTo("PipelineConfig.stepDefaults may not set"
        + " maxConcurrent, was 5; a concurrency cap bounds one step, so set it with"
        + " step(\"<step>\", StepConfig.builder().maxConcurrent(…).build())");
  }

  @Test
  void theConfigsStepDefaultsReachEveryStepThatSetsNothingItself() {
    AtomicInteger tries = new AtomicInteger();
    PipelineEngine engine = PipelineEngine.create(plan(StepConfig.empty()), PipelineConfig.builder()
        .stepDefaults(StepConfig.builder().retries(2).build()).build());

    PipelineResult<String> result = runFlaky(engine, tries, RunOptions.defaults());

    assertThat(result.step("plain").attemptCount()).isEqualTo(3);
    assertThat(result.output()).isEqualTo("own after 1");
  }

  @Test
  void theConfigsStepDefaultsOverrideThePipelinesAndLeaveWhatTheyDoNotSet() {
    AtomicInteger tries = new AtomicInteger();
    PipelineEngine engine = PipelineEngine.create(
        plan(StepConfig.builder().retries(0).timeout(Duration.ofMinutes(5)).build()),
        PipelineConfig.builder().stepDefaults(StepConfig.builder().retries(2).build()).build());

    PipelineResult<String> result = runFlaky(engine, tries, RunOptions.defaults());

    assertThat(result.step("plain").attemptCount()).isEqualTo(3);
  }

  @Test
  void aStepsOwnRetriesWinOverTheConfigsDefaults() {
    PipelineEngine engine = PipelineEngine.create(plan(StepConfig.empty()), PipelineConfig.builder()
        .stepDefaults(StepConfig.builder().retries(3).build()).build());
    AtomicInteger ownTries = new AtomicInteger();

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> "plain", (outputs, context) -> {
          ownTries.incrementAndGet();
          throw new IllegalStateException("always");
        }));

    assertThat(failure.stepName()).isEqualTo("own");
    assertThat(ownTries.get()).isEqualTo(1);
  }

  @Test
  void theConfigsStepEntryAndTheRunsOptionsWinOverItsDefaults() {
    PipelineEngine engine = PipelineEngine.create(plan(StepConfig.empty()), PipelineConfig.builder()
        .stepDefaults(StepConfig.builder().retries(5).build())
        .step("plain", StepConfig.builder().retries(1).build())
        .build());

    StepExecutionException fromConfig = assertThrows(StepExecutionException.class,
        () -> runFlaky(engine, new AtomicInteger(), RunOptions.defaults()));
    PipelineResult<String> fromOptions = runFlaky(engine, new AtomicInteger(), RunOptions.builder()
        .step("plain", StepConfig.builder().retries(2).build()).build());

    assertThat(fromConfig.attempts()).isEqualTo(2);
    assertThat(fromOptions.step("plain").attemptCount()).isEqualTo(3);
  }

  @Test
  void aDefaultTimeoutFromTheConfigInterruptsAStepWithoutOne() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("slow");
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .stepDefaults(StepConfig.builder().timeout(Duration.ofMillis(50)).build()).build());

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> {
          new CountDownLatch(1).await();
          return "never";
        }));

    assertThat(failure).hasCauseThat().isInstanceOf(StepTimeoutException.class);
    assertThat(failure).hasCauseThat().hasMessageThat()
        .isEqualTo("Step 'slow' of pipeline 'Drafts' timed out after 50ms (attempt 1 of 1)");
  }

  @Test
  void stepDefaultsGivenTwiceMergeWithTheLaterWinning() {
    PipelineConfig config = PipelineConfig.builder()
        .stepDefaults(StepConfig.builder().retries(1).timeout(Duration.ofSeconds(5)).build())
        .stepDefaults(StepConfig.builder().retries(2).build())
        .build();

    assertThat(config.stepDefaults()).isEqualTo(
        StepConfig.builder().retries(2).timeout(Duration.ofSeconds(5)).build());
    assertThat(PipelineConfig.empty().stepDefaults()).isEqualTo(StepConfig.empty());
  }
}
