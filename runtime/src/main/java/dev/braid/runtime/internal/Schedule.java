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
  /**
   * How long a plan's longest chain of dependencies may be, in steps after a root, for a scope that
   * can start each step's thread once its dependencies have ended to do so. Such a step's thread
   * neither parks nor takes memory while it waits, which saves a run of a few levels two thread
   * switches a step. A longer chain runs one step at a time, and goes quicker the way {@code
   * StructuredTaskScope} must run every plan: the run's owner makes and starts every step's thread
   * at once, on a core the chain leaves free, rather than each step's thread being started on the
   * chain's path as its dependency ends, which makes a long chain slower.
   */
  static final int EAGER_DEPTH = 16;

  private final PipelinePlan plan;
  private final StepPlan[] steps;
  private final int[][] dependents;
  private final int[] dependencyCounts;
  private final String[] threadNames;
  private final List<String> stepNames;
  private final ThreadFactory ownerThreads;
  /** Whether every step's thread starts with the run, even on a scope that could start it later. */
  private final boolean startsEveryStepWithRun;

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
    this.startsEveryStepWithRun = depth() > EAGER_DEPTH;
  }


  /**
   * The number of steps after a root on the plan's longest chain of dependencies, counted along the
   * plan's topological order, in which every step comes after its dependencies.
   */
  private int depth() {
    int[] levels = new int[steps.length];
    int depth = 0;
    for (int step : plan.topologicalOrder()) {
      depth = Math.max(depth, levels[step]);
      for (int dependent : dependents[step]) {
        levels[dependent] = Math.max(levels[dependent], levels[step] + 1);
      }
    }
    return depth;
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

  /**
   * Whether every step's thread starts with the run, even on a scope that can start it once its
   * dependencies have ended: true for a plan more than {@link #EAGER_DEPTH} steps deep.
   */
  boolean startsEveryStepWithRun() {
    return startsEveryStepWithRun;
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
