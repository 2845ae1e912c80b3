package dev.braid.runtime.internal;

import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.util.List;

/** Orders a plan's steps so that each comes after its dependencies; plans are acyclic by construction. */
final class TopologicalOrder {
  private TopologicalOrder() {}

  /** The step indexes, dependencies first (Kahn's algorithm). */
  static int[] of(PipelinePlan plan) {
    List<StepPlan> steps = plan.steps();
    int[] waiting = new int[steps.size()];
    int[] order = new int[steps.size()];
    int count = 0;
    for (StepPlan step : steps) {
      waiting[step.index()] = step.dependencyCount();
      if (waiting[step.index()] == 0) {
        order[count++] = step.index();
      }
    }
    for (int next = 0; next < count; next++) {
      for (int dependent : steps.get(order[next]).dependents()) {
        if (--waiting[dependent] == 0) {
          order[count++] = dependent;
        }
      }
    }
    return order;
  }
}
