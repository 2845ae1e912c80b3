package dev.braid.processor.validation;

import dev.braid.processor.model.StepGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds one cycle per strongly connected component of a {@link StepGraph}: the shortest cycle
 * through the component's first-declared step. Reporting one cycle per component, rather than every
 * elementary cycle, keeps a tangle of steps to one message that still shows a real loop to break.
 *
 * <p>Both phases are iterative (Tarjan's algorithm with an explicit stack, then a breadth-first
 * search), so a chain of thousands of steps cannot overflow javac's stack.
 */
final class CycleFinder {
  private final StepGraph graph;
  private final int[] order;
  private final int[] lowLink;
  private final boolean[] onStack;
  private final Deque<Integer> stack = new ArrayDeque<>();
  private final List<int[]> components = new ArrayList<>();
  private int visited;

  private CycleFinder(StepGraph graph) {
    this.graph = graph;
    this.order = new int[graph.size()];
    this.lowLink = new int[graph.size()];
    this.onStack = new boolean[graph.size()];
    Arrays.fill(order, -1);
  }

  /**
   * The cycles of {@code graph}, ordered by their first step. Each lists its steps in edge order:
   * {@code [a, b, c]} means a depends on b, b on c, and c on a; a self-dependency is {@code [a]}.
   */
  static List<List<Integer>> find(StepGraph graph) {
    CycleFinder finder = new CycleFinder(graph);
    for (int step = 0; step < graph.size(); step++) {
      if (finder.order[step] < 0) {
        finder.connect(step);
      }
    }
    List<List<Integer>> cycles = new ArrayList<>();
    for (int[] component : finder.components) {
      int first = Arrays.stream(component).min().orElseThrow();
      if (component.length > 1 || graph.dependencies(first).contains(first)) {
        cycles.add(finder.shortestCycle(first, component));
      }
    }
    cycles.sort((a, b) -> Integer.compare(a.getFirst(), b.getFirst()));
    return cycles;
  }

  /** Tarjan's strongly-connected-components search from {@code root}, without recursion. */
  private void connect(int root) {
    Deque<int[]> frames = new ArrayDeque<>();
    enter(root);
    frames.push(new int[] {root, 0});
    while (!frames.isEmpty()) {
      int[] frame = frames.peek();
      int step = frame[0];
      List<Integer> dependencies = graph.dependencies(step);
      if (frame[1] < dependencies.size()) {
        int next = dependencies.get(frame[1]++);
        if (order[next] < 0) {
          enter(next);
          frames.push(new int[] {next, 0});
        } else if (onStack[next]) {
          lowLink[step] = Math.min(lowLink[step], order[next]);
        }
        continue;
      }
      frames.pop();
      if (!frames.isEmpty()) {
        int parent = frames.peek()[0];
        lowLink[parent] = Math.min(lowLink[parent], lowLink[step]);
      }
      if (lowLink[step] == order[step]) {
        List<Integer> component = new ArrayList<>();
        int member;
        do {
          member = stack.pop();
          onStack[member] = false;
          component.add(member);
        } while (member != step);
        components.add(component.stream().mapToInt(Integer::intValue).toArray());
      }
    }
  }

  private void enter(int step) {
    order[step] = visited;
    lowLink[step] = visited;
    visited++;
    stack.push(step);
    onStack[step] = true;
  }

  /** Breadth-first search inside {@code component} for the shortest way from first back to it. */
  private List<Integer> shortestCycle(int first, int[] component) {
    boolean[] inComponent = new boolean[graph.size()];
    for (int member : component) {
      inComponent[member] = true;
    }
    int[] cameFrom = new int[graph.size()];
    Arrays.fill(cameFrom, -1);
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(first);
    while (!queue.isEmpty()) {
      int step = queue.poll();
      for (int next : graph.dependencies(step)) {
        if (next == first) {
          return path(first, step, cameFrom);
        }
        if (inComponent[next] && cameFrom[next] < 0) {
          cameFrom[next] = step;
          queue.add(next);
        }
      }
    }
    throw new IllegalStateException("No cycle through " + graph.name(first) + " in " + graph);
  }

  private static List<Integer> path(int first, int last, int[] cameFrom) {
    List<Integer> path = new ArrayList<>();
    for (int step = last; step != first; step = cameFrom[step]) {
      path.add(step);
    }
    path.add(first);
    return List.copyOf(path.reversed());
  }
}
