package dev.braid.console;

import dev.braid.runtime.PipelineDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pipeline definitions the console was given, by name. Immutable. */
final class Pipelines {
  private final Map<String, PipelineDefinition<?>> byName;

  Pipelines(Map<String, PipelineDefinition<?>> byName) {
    this.byName = Map.copyOf(byName);
  }

  Optional<PipelineDefinition<?>> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }
}
