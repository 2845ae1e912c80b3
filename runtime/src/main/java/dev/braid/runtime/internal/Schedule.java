package dev.braid.runtime.internal;

import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * What every run of one plan needs to schedule its steps, computed once per executor: who waits
 * for whom, and the names threads carry. Immutable; its thread factories are thread-safe.
 */
final class Schedule {
  private final PipelinePlan plan;
  private final StepPlan[] steps;
  private final int[][] dependents;
  private final int[] dependencyCounts;
  private final String[] threadNames;
  private final List<String> stepNames;
  private final ThreadFactory ownerThreads;
  private final int roots;

  private Schedule(PipelinePlan plan) {
    this.plan = plan;
    List<StepPlan> list = plan.steps();
    this.steps = list.toArray(StepPlan[]::new);
    this.dependents = new int[steps.length][];
    this.dependencyCounts = new int[steps.length];
    this.threadNames = new String[steps.length];
    for (StepPlan step : steps) {
      String name = "braid " + plan.name() + "/" + step.name();
      dependents[step.index()] = step.dependents();
      dependencyCounts[step.index()] = step.dependencyCount();
      threadNames[step.index()] = name;
    }
    this.stepNames = List.copyOf(list.stream().map(StepPlan::name).toList());
    this.ownerThreads = Thread.ofVirtual().name("braid " + plan.name()).factory();
    int rootCount = 0;
    for (int count : dependencyCounts) {
      if (count == 0) {
        rootCount++;
      }
    }
    this.roots = rootCount;
  }

  /** How many steps depend on no other, and start with the run. */
  int roots() {
    return roots;
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

  /** How many dependencies each step waits for; shared, never modified. */
  int[] dependencyCounts() {
    return dependencyCounts;
  }

  /** The steps' names in declaration order; immutable. */
  List<String> stepNames() {
    return stepNames;
  }

  String threadName(int index) {
    return threadNames[index];
  }

  /** Makes the virtual threads that own the scopes of watched runs, named after the pipeline. */
  ThreadFactory ownerThreads() {
    return ownerThreads;
  }

  int outputStep() {
    return plan.outputStep();
  }

  /** Whether a failure of the step leaves the run going; never true of the output step. */
  boolean optional(int index) {
    return steps[index].optional() && index != plan.outputStep();
  }
}
