package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checks a registration and a worker config make when they are built. */
class DurablePipelineTest {
  private static PipelineEngine engine() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Two").inputs("text");
    plan.step("first").readsInputs(0);
    plan.step("second", 0);
    plan.output(1);
    return PipelineEngine.create(plan.build());
  }

  @Test
  void everyStepNeedsAType() {
    DurablePipeline.Builder builder = DurablePipeline.builder(engine(), inputs -> null)
        .inputTypes(String.class).stepType("first", String.class);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo("Pipeline 'Two' needs the type of every step's"
        + " output to read its checkpoints back; declare stepType(name, type) for [second]");
  }

  @Test
  void unknownStepIsRejectedWithTheSteps() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DurablePipeline.builder(engine(), inputs -> null).stepType("thrid", String.class));

    assertThat(e).hasMessageThat()
        .isEqualTo("Pipeline 'Two' has no step named 'thrid'; its steps are [first, second]");
  }

  @Test
  void inputTypesMustMatchTheInputs() {
    DurablePipeline.Builder builder = DurablePipeline.builder(engine(), inputs -> null)
        .stepType("first", String.class).stepType("second", String.class);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat()
        .isEqualTo("Pipeline 'Two' takes 1 inputs [text] but inputTypes(…) gave 0 types");
  }

  @Test
  void heartbeatMustBeAtMostHalfTheLease() {
    WorkerConfig.Builder builder = WorkerConfig.builder()
        .lease(Duration.ofSeconds(10)).heartbeat(Duration.ofSeconds(6));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo("WorkerConfig heartbeat (PT6S) must be at most half"
        + " the lease (PT10S), or one slow heartbeat loses every run; shorten the heartbeat or"
        + " lengthen the lease");
  }
}
