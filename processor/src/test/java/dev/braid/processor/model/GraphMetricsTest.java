package dev.braid.processor.model;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GraphMetricsTest {

  @Test
  void measuresAChain() {
    GraphMetrics metrics = GraphMetrics.of(StepGraph.of(
        List.of("a", "b", "c"), List.of(List.of(), List.of("a"), List.of("b"))));

    assertThat(metrics.levels()).containsExactly(0, 1, 2).inOrder();
    assertThat(metrics.criticalPath()).containsExactly(0, 1, 2).inOrder();
    assertThat(metrics.widestLevel()).containsExactly(0);
  }

  @Test
  void measuresADiamond() {
    GraphMetrics metrics = GraphMetrics.of(StepGraph.of(
        List.of("extract", "left", "right", "join"),
        List.of(List.of(), List.of("extract"), List.of("extract"), List.of("left", "right"))));

    assertThat(metrics.levels()).containsExactly(0, 1, 1, 2).inOrder();
    assertThat(metrics.criticalPath()).containsExactly(0, 1, 3).inOrder();
    assertThat(metrics.widestLevel()).containsExactly(1, 2).inOrder();
  }

  @Test
  void measuresAWideFanIn() {
    List<String> names = new ArrayList<>();
    List<List<String>> dependsOn = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      names.add("leaf" + i);
      dependsOn.add(List.of());
    }
    dependsOn.add(List.copyOf(names));
    names.add("join");

    GraphMetrics metrics = GraphMetrics.of(StepGraph.of(names, dependsOn));

    assertThat(metrics.criticalPath()).containsExactly(0, 5).inOrder();
    assertThat(metrics.widestLevel()).containsExactly(0, 1, 2, 3, 4).inOrder();
  }

  @Test
  void breaksTiesByDeclarationOrder() {
    // Two chains of 2 steps, b -> a and d -> c, and a join that lists the later one first.
    GraphMetrics metrics = GraphMetrics.of(StepGraph.of(
        List.of("a", "b", "c", "d", "e", "f"),
        List.of(List.of(), List.of("a"), List.of(), List.of("c"), List.of("d", "b"), List.of())));

    assertThat(metrics.criticalPath()).containsExactly(0, 1, 4).inOrder();
    // Levels 0 (a, c, f) and 1 (b, d) differ; e alone is at level 2.
    assertThat(metrics.widestLevel()).containsExactly(0, 2, 5).inOrder();
  }

  @Test
  void prefersTheLowestOfEquallyWideLevels() {
    GraphMetrics metrics = GraphMetrics.of(StepGraph.of(
        List.of("a", "b", "c", "d"),
        List.of(List.of(), List.of(), List.of("a"), List.of("b"))));

    assertThat(metrics.criticalPath()).containsExactly(0, 2).inOrder();
    assertThat(metrics.widestLevel()).containsExactly(0, 1).inOrder();
  }

  @Test
  void followsDependenciesDeclaredAfterTheirDependents() {
    GraphMetrics metrics = GraphMetrics.of(StepGraph.of(
        List.of("last", "middle", "first"),
        List.of(List.of("middle"), List.of("first"), List.of())));

    assertThat(metrics.levels()).containsExactly(2, 1, 0).inOrder();
    assertThat(metrics.criticalPath()).containsExactly(2, 1, 0).inOrder();
  }

  @Test
  void measuresALongChainWithoutRecursing() {
    int steps = 100_000;
    List<String> names = IntStream.range(0, steps).mapToObj(i -> "s" + i).toList();
    List<List<String>> dependsOn = IntStream.range(0, steps)
        .mapToObj(i -> i == 0 ? List.<String>of() : List.of("s" + (i - 1)))
        .toList();

    GraphMetrics metrics = GraphMetrics.of(StepGraph.of(names, dependsOn));

    assertThat(metrics.criticalPath()).hasSize(steps);
    assertThat(metrics.criticalPath().getLast()).isEqualTo(steps - 1);
    assertThat(metrics.widestLevel()).containsExactly(0);
  }

  @Test
  void measuresAnEmptyGraph() {
    GraphMetrics metrics = GraphMetrics.of(StepGraph.of(List.of(), List.of()));

    assertThat(metrics.criticalPath()).isEmpty();
    assertThat(metrics.widestLevel()).isEmpty();
  }

  @Test
  void rejectsACycle() {
    StepGraph cycle = StepGraph.of(List.of("a", "b"), List.of(List.of("b"), List.of("a")));

    assertThrows(IllegalArgumentException.class, () -> GraphMetrics.of(cycle));
  }
}
