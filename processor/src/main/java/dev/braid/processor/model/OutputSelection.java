package dev.braid.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Which step's output is the pipeline's: the one marked {@code output = true}; else the single step
 * nothing depends on; else the single non-{@code void} one among several such final steps. Both
 * validation (to report why there is no answer) and writing (to use it) ask this one place.
 */
public sealed interface OutputSelection {

  /** The output step was found. */
  record Selected(int step) implements OutputSelection {}

  /** More than one step is marked {@code output = true}. */
  record SeveralMarked(List<Integer> steps) implements OutputSelection {}

  /** No step is marked, and the final steps give no single answer. */
  record SeveralFinal(List<Integer> steps) implements OutputSelection {}

  /** Every step has a dependent, which only a dependency cycle allows. */
  record NoFinalStep() implements OutputSelection {}

  /** Selects the output step of {@code pipeline}. */
  static OutputSelection of(PipelineModel pipeline) {
    List<StepModel> steps = pipeline.steps();
    return select(
        pipeline.graph(),
        step -> steps.get(step).markedOutput().value(),
        step -> steps.get(step).output().isVoid());
  }

  /** Selects the output step of {@code graph}; unit-testable without javac. */
  static OutputSelection select(StepGraph graph, Set<Integer> marked, Set<Integer> voidSteps) {
    return select(graph, marked::contains, voidSteps::contains);
  }

  private static OutputSelection select(
      StepGraph graph, IntPredicate marked, IntPredicate isVoid) {
    List<Integer> markedSteps = new ArrayList<>();
    for (int step = 0; step < graph.size(); step++) {
      if (marked.test(step)) {
        markedSteps.add(step);
      }
    }
    if (markedSteps.size() == 1) {
      return new Selected(markedSteps.getFirst());
    }
    if (markedSteps.size() > 1) {
      return new SeveralMarked(List.copyOf(markedSteps));
    }
    List<Integer> finals = graph.finalSteps();
    if (finals.isEmpty()) {
      return new NoFinalStep();
    }
    if (finals.size() == 1) {
      return new Selected(finals.getFirst());
    }
    List<Integer> valued = finals.stream().filter(step -> !isVoid.test(step)).toList();
    return valued.size() == 1 ? new Selected(valued.getFirst()) : new SeveralFinal(finals);
  }
}
