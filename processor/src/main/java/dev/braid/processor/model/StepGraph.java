package dev.braid.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of a pipeline as names and edges, without any {@code javax.lang.model} type, so that
 * graph rules run and unit-test on plain data. Step {@code i} is the {@code i}-th declared step; an
 * edge {@code i -> j} means step {@code i} depends on step {@code j}. A {@code dependsOn} name that
 * matches no step is dropped here (and reported by validation); a name shared by several steps
 * resolves to the first of them. Immutable.
 */
public final class StepGraph {
  private final List<String> names;
  private final Map<String, Integer> indexes;
  private final List<List<Integer>> dependencies;
  private final boolean complete;

  private StepGraph(
      List<String> names,
      Map<String, Integer> indexes,
      List<List<Integer>> dependencies,
      boolean complete) {
    this.names = names;
    this.indexes = indexes;
    this.dependencies = dependencies;
    this.complete = complete;
  }

  /**
   * Builds the graph of steps {@code names}, where {@code dependsOn.get(i)} lists the names step
   * {@code i} depends on.
   */
  public static StepGraph of(List<String> names, List<? extends List<String>> dependsOn) {
    if (names.size() != dependsOn.size()) {
      throw new IllegalArgumentException(names.size() + " names but " + dependsOn.size()
          + " dependency lists");
    }
    Map<String, Integer> indexes = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      indexes.putIfAbsent(names.get(i), i);
    }
    List<List<Integer>> dependencies = new ArrayList<>(names.size());
    boolean complete = true;
    for (List<String> stepDependsOn : dependsOn) {
      Set<Integer> resolved = new LinkedHashSet<>();
      for (String name : stepDependsOn) {
        Integer index = indexes.get(name);
        if (index == null) {
          complete = false;
        } else {
          resolved.add(index);
        }
      }
      dependencies.add(List.copyOf(resolved));
    }
    return new StepGraph(List.copyOf(names), Map.copyOf(indexes), List.copyOf(dependencies),
        complete);
  }

  /** The number of steps. */
  public int size() {
    return names.size();
  }

  /** The step names in declaration order. */
  public List<String> names() {
    return names;
  }

  public String name(int step) {
    return names.get(step);
  }

  /** The index of the first step named {@code name}, or {@code -1}. */
  public int indexOf(String name) {
    return indexes.getOrDefault(name, -1);
  }

  /** The distinct steps that step {@code step} depends on, in {@code dependsOn} order. */
  public List<Integer> dependencies(int step) {
    return dependencies.get(step);
  }

  /** Whether every {@code dependsOn} name matched a step, so that no edge is missing. */
  public boolean isComplete() {
    return complete;
  }

  /** The steps no other step depends on, in declaration order. */
  public List<Integer> finalSteps() {
    boolean[] hasDependents = new boolean[names.size()];
    for (List<Integer> stepDependencies : dependencies) {
      for (int dependency : stepDependencies) {
        hasDependents[dependency] = true;
      }
    }
    List<Integer> finals = new ArrayList<>();
    for (int step = 0; step < hasDependents.length; step++) {
      if (!hasDependents[step]) {
        finals.add(step);
      }
    }
    return finals;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("StepGraph[");
    for (int step = 0; step < names.size(); step++) {
      text.append(step == 0 ? "" : ", ").append(names.get(step));
      if (!dependencies.get(step).isEmpty()) {
        text.append(" -> ").append(dependencies.get(step).stream().map(names::get).toList());
      }
    }
    return text.append(']').toString();
  }
}
