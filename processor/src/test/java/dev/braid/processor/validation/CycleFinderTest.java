package dev.braid.processor.validation;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.processor.model.StepGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CycleFinderTest {

  @Test
  void findsNoCycleInADiamond() {
    StepGraph graph = StepGraph.of(
        List.of("a", "b", "c", "d"),
        List.of(List.of(), List.of("a"), List.of("a"), List.of("b", "c")));

    assertThat(CycleFinder.find(graph)).isEmpty();
  }

  @Test
  void findsASelfDependencyAsACycleOfOne() {
    StepGraph graph = StepGraph.of(List.of("a", "b"), List.of(List.of(), List.of("a", "b")));

    assertThat(CycleFinder.find(graph)).containsExactly(List.of(1));
  }

  @Test
  void startsEachCycleAtItsFirstDeclaredStepAndFollowsTheEdges() {
    StepGraph graph = StepGraph.of(
        List.of("x", "c", "a", "b"),
        List.of(List.of(), List.of("b"), List.of("c", "x"), List.of("a")));

    // c (index 1) depends on b, b on a, a on c.
    assertThat(CycleFinder.find(graph)).containsExactly(List.of(1, 3, 2));
  }

  @Test
  void reportsOneShortestCyclePerStronglyConnectedComponent() {
    // a -> b -> c -> d -> a, plus the shortcut b -> a; and a separate loop e <-> f.
    StepGraph graph = StepGraph.of(
        List.of("a", "b", "c", "d", "e", "f"),
        List.of(List.of("b"), List.of("c", "a"), List.of("d"), List.of("a"), List.of("f"),
            List.of("e")));

    assertThat(CycleFinder.find(graph))
        .containsExactly(List.of(0, 1), List.of(4, 5))
        .inOrder();
  }

  @Test
  void handlesAHundredThousandStepChainClosedIntoOneLoopWithoutRecursion() {
    int size = 100_000;
    List<String> names = IntStream.range(0, size).mapToObj(i -> "s" + i).toList();
    List<List<String>> dependsOn = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      dependsOn.add(List.of("s" + ((i + 1) % size)));
    }

    List<List<Integer>> cycles = CycleFinder.find(StepGraph.of(names, dependsOn));

    assertThat(cycles).hasSize(1);
    assertThat(cycles.getFirst()).hasSize(size);
    assertThat(cycles.getFirst().subList(0, 3)).containsExactly(0, 1, 2).inOrder();
  }

  @Test
  void ignoresDependsOnNamesThatMatchNoStep() {
    StepGraph graph = StepGraph.of(List.of("a"), List.of(List.of("missing")));

    assertThat(CycleFinder.find(graph)).isEmpty();
    assertThat(graph.isComplete()).isFalse();
  }
}
