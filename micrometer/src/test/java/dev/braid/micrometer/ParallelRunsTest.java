package dev.braid.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parallel steps of concurrent runs share meters without losing a count. */
@Timeout(60)
class ParallelRunsTest {
  private static final int RUNS = 8;
  private static final int BRANCHES = 4;

  @Test
  void countsEveryEventOfConcurrentRunsWhoseStepsRunInParallel() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PipelinePlan.Builder plan = PipelinePlan.builder("FanOut");
    List<StepBody> bodies = new ArrayList<>();
    // All branches of all runs meet here, so that their first events race for the same meters.
    CyclicBarrier together = new CyclicBarrier(RUNS * BRANCHES);
    ScriptedModel model = ScriptedModel.answering("m", 5, 2);
    int[] branches = new int[BRANCHES];
    for (int i = 0; i < BRANCHES; i++) {
      plan.step("branch" + i);
      branches[i] = i;
      bodies.add((outputs, context) -> {
        together.await(10, SECONDS);
        context.emit("chunk");
        return context.call(model, "x").value();
      });
    }
    plan.step("join", branches);
    bodies.add((outputs, context) -> "joined");
    plan.output(BRANCHES);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PriceTable.empty().withFree("m"))
        .listener(BraidMetrics.create(registry))
        .build());

    List<CompletableFuture<PipelineResult<Object>>> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(engine.executeAsync(RunOptions.defaults(), new Object[0],
          bodies.toArray(StepBody[]::new)));
    }
    for (CompletableFuture<PipelineResult<Object>> run : runs) {
      run.get(30, SECONDS);
    }

    assertThat(registry.get("braid.run.duration").tag("outcome", "succeeded").timer().count())
        .isEqualTo(RUNS);
    assertThat(registry.get("braid.runs.active").gauge().value()).isEqualTo(0.0);
    for (int i = 0; i < BRANCHES; i++) {
      String step = "branch" + i;
      assertThat(registry.get("braid.step.duration").tag("step", step).timer().count())
          .isEqualTo(RUNS);
      assertThat(registry.get("braid.model.calls").tag("step", step).counter().count())
          .isEqualTo((double) RUNS);
      assertThat(registry.get("braid.stream.chunks").tag("step", step).counter().count())
          .isEqualTo((double) RUNS);
    }
    assertThat(registry.get("braid.model.tokens").tag("type", "input").counter().count())
        .isEqualTo(5.0 * RUNS * BRANCHES);
  }
}
