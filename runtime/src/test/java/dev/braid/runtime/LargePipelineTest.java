package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pipelines of a thousand steps, deep and wide, run to the right answer. */
@Timeout(30)
class LargePipelineTest {
  private static final int SIZE = 1_000;

  @Test
  void thousandStepChainRunsEveryStepInOrder() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Chain");
    plan.step("s0");
    for (int i = 1; i < SIZE; i++) {
      plan.step("s" + i, i - 1);
    }
    plan.output(SIZE - 1);
    StepBody[] bodies = new StepBody[SIZE];
    bodies[0] = (outputs, context) -> 1L;
    for (int i = 1; i < SIZE; i++) {
      int previous = i - 1;
      long index = i;
      // Order-sensitive, so a step that read a stale or wrong dependency changes the answer.
      bodies[i] = (outputs, context) -> outputs.<Long>get(previous) * 31 + index;
    }
    long expected = 1;
    for (int i = 1; i < SIZE; i++) {
      expected = expected * 31 + i;
    }

    PipelineResult<Long> result = PipelineEngine.create(plan.build()).execute(bodies);

    assertThat(result.output()).isEqualTo(expected);
    assertThat(result.steps()).hasSize(SIZE);
    for (int i = 1; i < SIZE; i++) {
      StepRecord step = result.steps().get(i);
      assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(step.startedAt()).isAtLeast(result.steps().get(i - 1).finishedAt());
    }
  }

  @Test
  void thousandWideFanOutAndFanInRunsEveryBranchOnce() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Fan");
    plan.step("root");
    for (int i = 1; i <= SIZE; i++) {
      plan.step("branch" + i, 0);
    }
    int[] branches = IntStream.rangeClosed(1, SIZE).toArray();
    plan.step("sink", branches);
    plan.output(SIZE + 1);
    StepBody[] bodies = new StepBody[SIZE + 2];
    bodies[0] = (outputs, context) -> 1_000_000L;
    for (int i = 1; i <= SIZE; i++) {
      long branch = i;
      bodies[i] = (outputs, context) -> outputs.<Long>get(0) + branch;
    }
    bodies[SIZE + 1] = (outputs, context) -> {
      long sum = 0;
      for (int branch : branches) {
        sum += outputs.<Long>get(branch);
      }
      return sum;
    };

    PipelineResult<Long> result = PipelineEngine.create(plan.build()).execute(bodies);

    assertThat(result.output()).isEqualTo(SIZE * 1_000_000L + (long) SIZE * (SIZE + 1) / 2);
    assertThat(result.steps().stream().filter(step -> step.attemptCount() == 1).count())
        .isEqualTo(SIZE + 2);
    assertThat(result.step("sink").startedAt())
        .isAtLeast(result.steps().stream()
            .filter(step -> step.name().startsWith("branch"))
            .map(StepRecord::finishedAt)
            .max(Comparator.naturalOrder())
            .orElseThrow());
  }
}
