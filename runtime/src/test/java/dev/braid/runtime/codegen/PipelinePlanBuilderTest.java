package dev.braid.runtime.codegen;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.StepConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link PipelinePlan.Builder} rejects every plan that could not run, saying why. */
class PipelinePlanBuilderTest {

  @Test
  void buildsThePlanGeneratedCodeDescribes() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("root");
    builder.step("a", 0).timeout(Duration.ofSeconds(30));
    builder.step("b", 0).retries(2).retryDelay(Duration.ofMillis(5)).conversational();
    builder.step("sink", 1, 2);
    builder.output(3);

    PipelinePlan plan = builder.build();

    assertThat(plan.name()).isEqualTo("OrderFlow");
    assertThat(plan.outputStep()).isEqualTo(3);
    assertThat(plan.steps().stream().map(StepPlan::name).toList())
        .containsExactly("root", "a", "b", "sink").inOrder();
    StepPlan root = plan.steps().get(0);
    assertThat(root.index()).isEqualTo(0);
    assertThat(root.dependencyCount()).isEqualTo(0);
    assertThat(root.dependents()).asList().containsExactly(1, 2).inOrder();
    assertThat(root.settings()).isEqualTo(StepConfig.empty());
    assertThat(root.conversational()).isFalse();
    StepPlan a = plan.steps().get(1);
    assertThat(a.settings().timeout()).hasValue(Duration.ofSeconds(30));
    StepPlan b = plan.steps().get(2);
    assertThat(b.settings().retries()).hasValue(2);
    assertThat(b.settings().retryDelay()).hasValue(Duration.ofMillis(5));
    assertThat(b.conversational()).isTrue();
    StepPlan sink = plan.steps().get(3);
    assertThat(sink.dependencyIndexes()).asList().containsExactly(1, 2).inOrder();
    assertThat(sink.dependents()).isEmpty();
  }

  @Test
  void planIsNotChangedThroughArraysItWasGivenOrGave() {
    int[] dependsOn = {0};
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("root");
    builder.step("child", dependsOn);
    builder.output(1);
    PipelinePlan plan = builder.build();

    dependsOn[0] = 99;
    plan.steps().get(1).dependencyIndexes()[0] = 98;
    plan.steps().get(0).dependents()[0] = 97;

    assertThat(plan.steps().get(1).dependencyIndexes()).asList().containsExactly(0);
    assertThat(plan.steps().get(0).dependents()).asList().containsExactly(1);
  }

  @Test
  void rejectsAPlanWithoutSteps() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo("Pipeline 'OrderFlow' has no steps");
  }

  @Test
  void rejectsTwoStepsWithTheSameName() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("a");
    builder.step("b", 0);
    builder.step("a", 1);
    builder.output(2);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo("Pipeline 'OrderFlow' has two steps named 'a'");
  }

  @Test
  void rejectsADependencyBeyondTheLastStep() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("a");
    builder.step("b", 5);
    builder.output(1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo(
        "Step 'b' of pipeline 'OrderFlow' depends on step index 5, which is not another step");
  }

  @Test
  void rejectsANegativeDependency() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("a", -1);
    builder.output(0);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo(
        "Step 'a' of pipeline 'OrderFlow' depends on step index -1, which is not another step");
  }

  @Test
  void rejectsAStepDependingOnItself() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("a");
    builder.step("b", 0, 1);
    builder.output(1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo(
        "Step 'b' of pipeline 'OrderFlow' depends on step index 1, which is not another step");
  }

  @Test
  void rejectsACycleNamingTheStepsOnAndBehindIt() {
    // root -> a -> b -> c -> a, and d behind the cycle; root is free and is not named.
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("root");
    builder.step("a", 0, 3);
    builder.step("b", 1);
    builder.step("c", 2);
    builder.step("d", 3);
    builder.output(4);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' has a dependency cycle among steps [a, b, c, d]");
  }

  @Test
  void rejectsTwoStepsWaitingForEachOther() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("a", 1);
    builder.step("b", 0);
    builder.output(1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' has a dependency cycle among steps [a, b]");
  }

  @Test
  void rejectsAPlanWithoutAnOutputStep() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("a");
    builder.step("b", 0);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' has no output step: -1 is not a step index below 2");
  }

  @Test
  void rejectsAnOutputStepBeyondTheLastStep() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow");
    builder.step("a");
    builder.step("b", 0);
    builder.output(2);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' has no output step: 2 is not a step index below 2");
  }

  @Test
  void theTopologicalOrderPutsEveryStepAfterItsDependenciesEvenWhenDeclaredBeforeThem() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("sink", 2, 3);
    plan.step("root");
    plan.step("left", 1);
    plan.step("right", 1);
    plan.output(0);

    assertThat(plan.build().topologicalOrder()).asList().containsExactly(1, 2, 3, 0).inOrder();
  }
}
