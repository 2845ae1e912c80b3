package dev.braid.processor.validation;

import dev.braid.processor.model.DependencyName;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepGraph;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps must not depend on each other in a loop, which would leave them waiting forever. Each
 * cycle is reported once, with its whole path, on the {@code dependsOn} entry of its first-declared
 * step that starts the path.
 */
final class DependencyCycleValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    StepGraph graph = pipeline.graph();
    List<Finding> findings = new ArrayList<>();
    for (List<Integer> cycle : CycleFinder.find(graph)) {
      StepModel first = pipeline.steps().get(cycle.getFirst());
      String next = graph.name(cycle.get(1 % cycle.size()));
      DependencyName entry = first.dependsOn().stream()
          .filter(dependency -> dependency.name().equals(next))
          .findFirst()
          .orElseThrow();
      findings.add(Finding.on(
          first.method(), first.annotation(), entry.written(), message(pipeline, cycle)));
    }
    return findings;
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
    for (int i = 0; i < cycle.size(); i++) {
      message.append("    ").append(graph.name(cycle.get(i))).append(" depends on ")
          .append(graph.name(cycle.get((i + 1) % cycle.size()))).append('\n');
    }
    return message.append(cycle.size() == 1
            ? "  Remove it from its own dependsOn."
            : "  Remove one of these dependsOn entries to break the cycle.")
        .toString();
  }
}
