package dev.braid.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The shape of an acyclic step graph at a glance: its critical path and its widest level. The
 * processor knows no durations, so the critical path is the longest chain of steps by count; and
 * since the largest set of steps that can run at once (the largest antichain) is expensive to find,
 * the width is that of the largest depth level instead. Both are computed iteratively in
 * topological order, so a chain of thousands of steps does not recurse.
 *
 * @param levels each step's depth level, by step index: {@code 0} for a step without dependencies,
 *     else one more than the deepest step it depends on
 * @param criticalPath the longest chain of steps, from a root to its last step; among chains of
 *     equal length, the one ending at the first declared step, reached through the first declared
 *     step at each level
 * @param widestLevel the steps of the level holding the most steps, in declaration order; among
 *     levels of equal size, the lowest
 */
public record GraphMetrics(
    List<Integer> levels, List<Integer> criticalPath, List<Integer> widestLevel) {

  public GraphMetrics {
    levels = List.copyOf(levels);
    criticalPath = List.copyOf(criticalPath);
    widestLevel = List.copyOf(widestLevel);
  }

  /**
   * Measures {@code graph}.
   *
   * @throws IllegalArgumentException if the graph has a cycle, which validation reports first
   */
  public static GraphMetrics of(StepGraph graph) {
    int size = graph.size();
    int[] level = new int[size];
    int[] previous = new int[size];
    for (int step : topologicalOrder(graph)) {
      previous[step] = -1;
      for (int dependency : graph.dependencies(step)) {
        int candidate = level[dependency] + 1;
        if (previous[step] < 0 || candidate > level[step]
            || (candidate == level[step] && dependency < previous[step])) {
          level[step] = candidate;
          previous[step] = dependency;
        }
      }
    }
    List<Integer> levels = new ArrayList<>(size);
    for (int step = 0; step < size; step++) {
      levels.add(level[step]);
    }
    return new GraphMetrics(levels, criticalPath(level, previous), widestLevel(level));
  }

  /** Orders the steps so that each comes after every step it depends on (Kahn's algorithm). */
  private static List<Integer> topologicalOrder(StepGraph graph) {
    int size = graph.size();
    int[] waitingFor = new int[size];
    List<List<Integer>> dependents = new ArrayList<>(size);
    for (int step = 0; step < size; step++) {
      dependents.add(new ArrayList<>());
    }
    Deque<Integer> ready = new ArrayDeque<>();
    for (int step = 0; step < size; step++) {
      waitingFor[step] = graph.dependencies(step).size();
      for (int dependency : graph.dependencies(step)) {
        dependents.get(dependency).add(step);
      }
      if (waitingFor[step] == 0) {
        ready.add(step);
      }
    }
    List<Integer> order = new ArrayList<>(size);
    while (!ready.isEmpty()) {
      int step = ready.poll();
      order.add(step);
      for (int dependent : dependents.get(step)) {
        if (--waitingFor[dependent] == 0) {
          ready.add(dependent);
        }
      }
    }
    if (order.size() != size) {
      throw new IllegalArgumentException("The step graph has a cycle: " + graph);
    }
    return order;
  }

  private static List<Integer> criticalPath(int[] level, int[] previous) {
    int last = -1;
    for (int step = 0; step < level.length; step++) {
      if (last < 0 || level[step] > level[last]) {
        last = step;
      }
    }
    List<Integer> path = new ArrayList<>();
    for (int step = last; step >= 0; step = previous[step]) {
      path.add(step);
    }
    Collections.reverse(path);
    return path;
  }

  private static List<Integer> widestLevel(int[] level) {
    int[] counts = new int[level.length];
    int widest = 0;
    for (int stepLevel : level) {
      counts[stepLevel]++;
      if (counts[stepLevel] > counts[widest]
          || (counts[stepLevel] == counts[widest] && stepLevel < widest)) {
        widest = stepLevel;
      }
    }
    List<Integer> steps = new ArrayList<>();
    for (int step = 0; step < level.length; step++) {
      if (level[step] == widest) {
        steps.add(step);
      }
    }
    return steps;
  }
}
