package dev.braid.benchmarks.workloads;

import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A chain of zero-work steps written as a plan by hand, so that it needs no annotation processor:
 * the first step returns the run's one input, an {@code Integer}, and each later step its
 * predecessor's output plus one. The last step also counts down the latch of the current batch,
 * which tells a waiting benchmark that every run of the batch has run its steps.
 */
final class DurableChain {
  private final int steps;
  private final PipelineDefinition<Integer> definition;
  private volatile CountDownLatch batch = new CountDownLatch(0);

  DurableChain(int steps) {
    this.steps = steps;
    PipelinePlan.Builder plan = PipelinePlan.builder("DurableChain" + steps).inputs("start");
    plan.step("step0").readsInputs(0);
    for (int i = 1; i < steps; i++) {
      plan.step("step" + i, i - 1);
    }
    plan.output(steps - 1);
    int last = steps - 1;
    this.definition = PipelineDefinition.of(PipelineEngine.create(plan.build()),
        List.of(Integer.class), Collections.nCopies(steps, Integer.class),
        inputs -> (step, outputs, context) -> {
          if (step == 0) {
            return inputs[0];
          }
          int output = outputs.<Integer>get(step - 1) + 1;
          if (step == last) {
            batch.countDown();
          }
          return output;
        });
  }

  int steps() {
    return steps;
  }

  PipelineDefinition<Integer> definition() {
    return definition;
  }

  /** Starts a batch of {@code runs} runs; the returned latch opens once each has run its steps. */
  CountDownLatch expect(int runs) {
    CountDownLatch latch = new CountDownLatch(runs);
    batch = latch;
    return latch;
  }

  /** Runs the chain once in this thread, as the executor's {@code execute} would; its output. */
  int execute(int start) {
    return Objects.requireNonNull(definition.execute(RunOptions.defaults(), start).output());
  }
}
