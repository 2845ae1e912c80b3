package dev.braid.processor.validation;

import dev.braid.processor.model.DependencyName;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepGraph;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;

/**
 * Steps must not depend on each other in a loop, which would leave them waiting forever. A step
 * depends on the steps in its {@code dependsOn} and on the step its {@code when} names. Each cycle
 * is reported once, with its whole path, on the {@code dependsOn} entry (or the {@code when}) of
 * its first-declared step that starts the path.
 */
final class DependencyCycleValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    StepGraph graph = pipeline.graph();
    List<Finding> findings = new ArrayList<>();
    for (List<Integer> cycle : CycleFinder.find(graph)) {
      StepModel first = pipeline.steps().get(cycle.getFirst());
      String next = graph.name(cycle.get(1 % cycle.size()));
      AnnotationValue written = entry(first, next)
          .map(DependencyName::written)
          .orElseGet(() -> first.when().written());
      findings.add(Finding.on(
          first.method(), first.annotation(), written, message(pipeline, cycle)));
    }
    return findings;
  }

  /** The {@code dependsOn} entry of {@code step} naming {@code next}; empty if only when does. */
  private static Optional<DependencyName> entry(StepModel step, String next) {
    return step.dependsOn().stream()
        .filter(dependency -> dependency.name().equals(next))
        .findFirst();
  }

  private static String message(PipelineModel pipeline, List<Integer> cycle) {
    StepGraph graph = pipeline.graph();
    StringBuilder message = new StringBuilder("[Braid/DependencyCycle] ");
    if (cycle.size() == 1) {
      message.append(Prose.step(pipeline.steps().get(cycle.getFirst()))).append(" of ")
          .append(pipeline.className()).append(" depends on itself:\n");
    } else {
      message.append("Steps of ").append(pipeline.className())
          .append(" form a dependency cycle:\n");
    }
    boolean throughWhen = false;
    for (int i = 0; i < cycle.size(); i++) {
      StepModel step = pipeline.steps().get(cycle.get(i));
      String next = graph.name(cycle.get((i + 1) % cycle.size()));
      message.append("    ").append(step.name());
      if (entry(step, next).isPresent()) {
        message.append(" depends on ").append(next).append('\n');
      } else {
        message.append(" runs when ").append(next).append('\n');
        throughWhen = true;
      }
    }
    if (cycle.size() == 1) {
      return message.append(throughWhen
              ? "  Name another step or method in its when."
              : "  Remove it from its own dependsOn.")
          .toString();
    }
    return message.append(throughWhen
            ? "  Remove one of these dependsOn entries or when conditions to break the cycle."
            : "  Remove one of these dependsOn entries to break the cycle.")
        .toString();
  }
}
