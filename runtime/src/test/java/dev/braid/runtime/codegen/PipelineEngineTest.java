package dev.braid.runtime.codegen;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.PipelineResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PipelineEngine}: one per plan, shared by any number of runs at once. */
@Timeout(30)
class PipelineEngineTest {

  private static PipelineEngine twoStepEngine() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("first");
    plan.step("second", 0);
    plan.output(1);
    return PipelineEngine.create(plan.build());
  }

  @Test
  void rejectsTooFewOrTooManyStepBodies() {
    PipelineEngine engine = twoStepEngine();

    IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
        () -> engine.execute((outputs, context) -> "only"));
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
        () -> engine.execute(
            (outputs, context) -> "1", (outputs, context) -> "2", (outputs, context) -> "3"));

    assertThat(tooFew).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' has 2 steps but was given 1 step bodies");
    assertThat(tooMany).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' has 2 steps but was given 3 step bodies");
  }

  @Test
  void keepsThePlanItWasCreatedWith() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("only");
    builder.output(0);
    PipelinePlan plan = builder.build();

    assertThat(PipelineEngine.create(plan).plan()).isSameInstanceAs(plan);
  }

  @Test
  void concurrentRunsOfOneEngineKeepTheirOutputsApart() throws Exception {
    int runs = 8;
    PipelineEngine engine = twoStepEngine();
    // Every run's first step waits for all the others, so the runs really overlap.
    CyclicBarrier allRunning = new CyclicBarrier(runs);
    ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<PipelineResult<String>>> results = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String run = "run" + i;
        results.add(callers.submit(() -> engine.<String>execute(
            (outputs, context) -> {
              allRunning.await(10, SECONDS);
              return run;
            },
            (outputs, context) -> outputs.<String>get(0) + " done")));
      }
      for (int i = 0; i < runs; i++) {
        assertThat(results.get(i).get(10, SECONDS).output()).isEqualTo("run" + i + " done");
      }
    } finally {
      callers.shutdownNow();
      assertThat(callers.awaitTermination(10, SECONDS)).isTrue();
    }
  }
}
