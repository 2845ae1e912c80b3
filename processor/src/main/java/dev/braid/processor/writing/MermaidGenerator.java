package dev.braid.processor.writing;

import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.GraphMetrics;
import dev.braid.processor.model.OutputSelection;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepCondition;
import dev.braid.processor.model.StepGraph;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates a pipeline's graph as a Mermaid flowchart, written next to the executor and shown in
 * its Javadoc. Nodes are named {@code s0}, {@code s1}, … in declaration order, since step names
 * need not be valid Mermaid ids, and labelled with the step's name. An edge runs from a step to
 * each step that depends on it: solid when the dependent (or its condition method) reads the
 * output, dotted when it only waits for it, as a step waits for the step its {@code when} names. A
 * conditional step's label notes {@code when} and its condition. The output step is bold, the
 * critical path's edges are red, and comments note the critical path and widest level of {@link
 * GraphMetrics}.
 */
public final class MermaidGenerator {
  private static final String ARROW = " \u2192 ";

  private MermaidGenerator() {}

  /** The Mermaid text of {@code pipeline}'s graph, measured as {@code metrics}. */
  public static String generate(PipelineModel pipeline, GraphMetrics metrics) {
    StepGraph graph = pipeline.graph();
    StringBuilder text = new StringBuilder("flowchart LR\n")
        .append("%% ").append(comment(criticalPath(graph, metrics))).append('\n')
        .append("%% ").append(comment(widestLevel(graph, metrics))).append('\n');
    for (StepModel step : pipeline.steps()) {
      text.append("  s").append(step.index()).append("[\"").append(label(step)).append("\"]\n");
    }
    Set<Long> dataEdges = dataEdges(pipeline);
    Set<Long> criticalEdges = edges(metrics.criticalPath());
    List<Integer> highlighted = new ArrayList<>();
    int edge = 0;
    for (int step = 0; step < graph.size(); step++) {
      for (int dependency : graph.dependencies(step)) {
        text.append("  s").append(dependency)
            .append(dataEdges.contains(edge(dependency, step)) ? " --> s" : " -.-> s")
            .append(step).append('\n');
        if (criticalEdges.contains(edge(dependency, step))) {
          highlighted.add(edge);
        }
        edge++;
      }
    }
    text.append("  classDef output stroke-width:3px\n");
    if (OutputSelection.of(pipeline) instanceof OutputSelection.Selected selected) {
      text.append("  class s").append(selected.step()).append(" output\n");
    }
    if (!highlighted.isEmpty()) {
      text.append("  linkStyle ")
          .append(String.join(",", highlighted.stream().map(String::valueOf).toList()))
          .append(" stroke:#d62728,stroke-width:3px\n");
    }
    return text.toString();
  }

  /** {@code critical path (by steps): a → b → c}. */
  private static String criticalPath(StepGraph graph, GraphMetrics metrics) {
    return "critical path (by steps): "
        + String.join(ARROW, metrics.criticalPath().stream().map(graph::name).toList());
  }

  /** {@code widest level: 2 steps (a, b)}. */
  private static String widestLevel(StepGraph graph, GraphMetrics metrics) {
    List<Integer> steps = metrics.widestLevel();
    return "widest level: " + (steps.size() == 1 ? "1 step" : steps.size() + " steps") + " ("
        + String.join(", ", steps.stream().map(graph::name).toList()) + ")";
  }

  /** The edges along which a dependent reads its dependency's output. */
  private static Set<Long> dataEdges(PipelineModel pipeline) {
    Set<Long> edges = new HashSet<>();
    for (PipelineModel.DependencyRead read : pipeline.dependencyReads()) {
      if (read.reader() instanceof StepModel step) {
        edges.add(edge(read.source().index(), step.index()));
      }
    }
    // A condition method reads for each step whose when names it.
    for (StepModel step : pipeline.steps()) {
      if (step.condition() instanceof StepCondition.OnMethod(ConditionMethod method)) {
        for (ParameterModel parameter : method.parameters()) {
          if (parameter.binding() instanceof ParameterBinding.Dependency dependency) {
            pipeline.step(dependency.stepName())
                .ifPresent(source -> edges.add(edge(source.index(), step.index())));
          }
        }
      }
    }
    return edges;
  }

  private static Set<Long> edges(List<Integer> path) {
    Set<Long> edges = new HashSet<>();
    for (int i = 1; i < path.size(); i++) {
      edges.add(edge(path.get(i - 1), path.get(i)));
    }
    return edges;
  }

  private static long edge(int from, int to) {
    return ((long) from << 32) | to;
  }

  private static String label(StepModel step) {
    List<String> notes = new ArrayList<>();
    if (step.isOptional()) {
      notes.add("optional");
    }
    if (step.output().kind() == StepOutput.Kind.CONVERSATION) {
      notes.add("conversational");
    }
    if (step.output().kind() == StepOutput.Kind.MODEL_REQUEST) {
      notes.add("model call");
    }
    if (step.isConditional()) {
      notes.add("when " + escape(step.when().value()));
    }
    String name = escape(step.name());
    return notes.isEmpty() ? name : name + " (" + String.join(", ", notes) + ")";
  }

  /** Makes a step name safe inside a quoted Mermaid label, with Mermaid's entity codes. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> escaped.append("#quot;");
        case '#' -> escaped.append("#35;");
        case '<' -> escaped.append("#lt;");
        case '>' -> escaped.append("#gt;");
        default -> escaped.append(c < ' ' ? ' ' : c);
      }
    }
    return escaped.toString();
  }

  /** Keeps a comment on one line: a line break in a step name would end it. */
  private static String comment(String text) {
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      line.append(c < ' ' ? ' ' : c);
    }
    return line.toString();
  }
}
