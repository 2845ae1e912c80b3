package dev.braid.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** braid.step.duration by status, braid.step.retries and braid.stream.chunks. */
@Timeout(30)
class StepMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private PipelineEngine engine(PipelinePlan.Builder plan) {
    return PipelineEngine.create(plan.build(),
        PipelineConfig.builder().listener(BraidMetrics.create(registry)).build());
  }

  /** draft, then send. */
  private static PipelinePlan.Builder twoSteps(int draftRetries) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft").retries(draftRetries);
    plan.step("send", 0);
    plan.output(1);
    return plan;
  }

  private Timer steps(String step, String status) {
    return registry.get("braid.step.duration")
        .tags("pipeline", "Replies", "step", step, "status", status).timer();
  }

  private double retries(String step) {
    return registry.get("braid.step.retries")
        .tags("pipeline", "Replies", "step", step).counter().count();
  }

  @Test
  void timesEachStepOfASuccessfulRunOnceAsItsRecordSays() {
    PipelineResult<String> result = engine(twoSteps(0)).execute(
        (outputs, context) -> "draft",
        (outputs, context) -> "sent");

    for (String step : new String[] {"draft", "send"}) {
      assertThat(steps(step, "succeeded").count()).isEqualTo(1);
      assertThat(steps(step, "succeeded").totalTime(NANOSECONDS))
          .isEqualTo((double) result.step(step).duration().toNanos());
    }
    assertThat(registry.find("braid.step.retries").counter()).isNull();
  }

  @Test
  void countsRetriesAndTimesTheRetriedStepOnce() {
    PipelineResult<String> result = engine(twoSteps(2)).execute(
        (outputs, context) -> {
          if (context.attempt() < 3) {
            throw new IllegalStateException("too short");
          }
          return "draft";
        },
        (outputs, context) -> "sent");

    assertThat(result.step("draft").attemptCount()).isEqualTo(3);
    assertThat(retries("draft")).isEqualTo(2.0);
    assertThat(steps("draft", "succeeded").count()).isEqualTo(1);
    assertThat(registry.find("braid.step.retries").tag("step", "send").counter()).isNull();
  }

  @Test
  void tagsAFailedStepByItsStatusAndLeavesOutTheStepsThatNeverStarted() {
    PipelineEngine engine = engine(twoSteps(1));

    assertThrows(StepExecutionException.class, () -> engine.execute(
        (outputs, context) -> {
          throw new IllegalStateException("model down");
        },
        (outputs, context) -> "sent"));

    assertThat(retries("draft")).isEqualTo(1.0);
    assertThat(steps("draft", "failed").count()).isEqualTo(1);
    assertThat(registry.find("braid.step.duration").tag("step", "send").timer()).isNull();
  }

  @Test
  void countsTheChunksEachStepStreamed() {
    engine(twoSteps(0)).execute(
        (outputs, context) -> {
          context.emit("Dear ");
          context.emit("customer");
          return "draft";
        },
        (outputs, context) -> {
          context.emit("sent");
          return "sent";
        });

    assertThat(registry.get("braid.stream.chunks").tags("pipeline", "Replies", "step", "draft")
        .counter().count()).isEqualTo(2.0);
    assertThat(registry.get("braid.stream.chunks").tags("pipeline", "Replies", "step", "send")
        .counter().count()).isEqualTo(1.0);
  }

  @Test
  void timesTheWaitOfEachAttemptOfACappedStepForASlot() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft").maxConcurrent(2);
    plan.step("send", 0);
    plan.output(1);
    PipelineEngine engine = engine(plan);

    PipelineResult<String> first = engine.execute(
        (outputs, context) -> "draft", (outputs, context) -> "sent");
    PipelineResult<String> second = engine.execute(
        (outputs, context) -> "draft", (outputs, context) -> "sent");

    Timer waits = registry.get("braid.step.slot.wait")
        .tags("pipeline", "Replies", "step", "draft").timer();
    assertThat(waits.count()).isEqualTo(2);
    assertThat(waits.totalTime(NANOSECONDS)).isEqualTo((double) first.step("draft").waited()
        .plus(second.step("draft").waited()).toNanos());
    assertThat(registry.find("braid.step.slot.wait").tags("step", "send").timer()).isNull();
  }
}
