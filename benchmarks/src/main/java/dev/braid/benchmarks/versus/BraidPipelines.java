package dev.braid.benchmarks.versus;

import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The two pipelines Braid runs, written as plans by hand so that they need no annotation
 * processor, shaped as {@link DbosFlows} shapes the same work for DBOS.
 */
final class BraidPipelines {
  static final String CHAIN = "VersusChain";
  static final String FAN_OUT = "VersusFanOut";

  private BraidPipelines() {}

  /**
   * {@code steps} steps in a row: the first returns the run's input, each later one its
   * predecessor's output plus one, after {@code work} of sleep. The last step calls {@code
   * lastStepRan} once it has its output.
   */
  static PipelineDefinition<Integer> chain(int steps, Duration work, Runnable lastStepRan) {
    PipelinePlan.Builder plan = PipelinePlan.builder(CHAIN).inputs("start");
    plan.step("step0").readsInputs(0);
    for (int i = 1; i < steps; i++) {
      plan.step("step" + i, i - 1);
    }
    plan.output(steps - 1);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()), List.of(Integer.class),
        Collections.nCopies(steps, Integer.class),
        inputs -> (step, outputs, context) -> {
          Work.sleep(work);
          int output = step == 0 ? (Integer) inputs[0] : outputs.<Integer>get(step - 1) + 1;
          if (step == steps - 1) {
            lastStepRan.run();
          }
          return output;
        });
  }

  /**
   * A root that returns the run's input, {@code branches} steps after it that each sleep {@code
   * work} and return the root's output plus their index, and a last step that sums them, then
   * calls {@code lastStepRan}.
   */
  static PipelineDefinition<Integer> fanOut(int branches, Duration work, Runnable lastStepRan) {
    PipelinePlan.Builder plan = PipelinePlan.builder(FAN_OUT).inputs("start");
    plan.step("root").readsInputs(0);
    for (int i = 1; i <= branches; i++) {
      plan.step("branch" + i, 0);
    }
    int join = branches + 1;
    plan.step("join", IntStream.rangeClosed(1, branches).toArray());
    plan.output(join);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()), List.of(Integer.class),
        Collections.nCopies(branches + 2, Integer.class),
        inputs -> (step, outputs, context) -> {
          if (step == 0) {
            return (Integer) inputs[0];
          }
          if (step < join) {
            Work.sleep(work);
            return outputs.<Integer>get(0) + step - 1;
          }
          int sum = 0;
          for (int branch = 1; branch < join; branch++) {
            sum += outputs.<Integer>get(branch);
          }
          lastStepRan.run();
          return sum;
        });
  }
}
