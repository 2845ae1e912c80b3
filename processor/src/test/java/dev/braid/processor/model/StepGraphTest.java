package dev.braid.processor.model;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepGraphTest {

  @Test
  void resolvesNamesToTheFirstStepDeclaredUnderThem() {
    StepGraph graph = StepGraph.of(
        List.of("a", "b", "a"),
        List.of(List.of(), List.of("a", "a"), List.of("b")));

    assertThat(graph.indexOf("a")).isEqualTo(0);
    assertThat(graph.indexOf("missing")).isEqualTo(-1);
    assertThat(graph.dependencies(1)).containsExactly(0);
    assertThat(graph.isComplete()).isTrue();
  }

  @Test
  void dropsUnknownNamesAndRemembersTheGraphIsIncomplete() {
    StepGraph graph = StepGraph.of(List.of("a", "b"), List.of(List.of(), List.of("a", "c")));

    assertThat(graph.dependencies(1)).containsExactly(0);
    assertThat(graph.isComplete()).isFalse();
  }

  @Test
  void findsTheStepsNothingDependsOn() {
    StepGraph graph = StepGraph.of(
        List.of("a", "b", "c", "d"),
        List.of(List.of(), List.of("a"), List.of("a"), List.of("b")));

    assertThat(graph.finalSteps()).containsExactly(2, 3).inOrder();
  }
}
