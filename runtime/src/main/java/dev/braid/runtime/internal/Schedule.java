package dev.braid.runtime.internal;

import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.util.List;

/**
 * What every run of one plan needs to schedule its steps, computed once per executor: who waits
 * for whom, and the names threads carry. Immutable.
 */
public final class Schedule {
  private final PipelinePlan plan;
  private final StepPlan[] steps;
  private final int[][] dependents;
  private final String[] threadNames;

  private Schedule(PipelinePlan plan) {
    this.plan = plan;
    List<StepPlan> list = plan.steps();
    this.steps = list.toArray(StepPlan[]::new);
    this.dependents = new int[steps.length][];
    this.threadNames = new String[steps.length];
    for (StepPlan step : steps) {
      dependents[step.index()] = step.dependents();
      threadNames[step.index()] = "braid " + plan.name() + "/" + step.name();
    }
  }

  public static Schedule of(PipelinePlan plan) {
    return new Schedule(plan);
  }

  PipelinePlan plan() {
    return plan;
  }

  String pipelineName() {
    return plan.name();
  }

  int size() {
    return steps.length;
  }

  StepPlan step(int index) {
    return steps[index];
  }

  /** The steps waiting for {@code index}; shared, never modified. */
  int[] dependents(int index) {
    return dependents[index];
  }

  String threadName(int index) {
    return threadNames[index];
  }

  int outputStep() {
    return plan.outputStep();
  }

  /** Whether a failure of the step leaves the run going; never true of the output step. */
  boolean optional(int index) {
    return steps[index].optional() && index != plan.outputStep();
  }
}
