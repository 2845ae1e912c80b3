package dev.braid.runtime;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a model call would overrun a budget, or did. The call that would overrun is not made;
 * the run stops as it does on a failure (running steps are interrupted, nothing new starts, no
 * retry begins) and {@code execute} throws this, whatever the step did with it, carrying the usage
 * so far. Optional steps do not soften it: a budget bounds the whole run.
 *
 * <p>The step that met the limit sees the same exception, without partial result, from {@link
 * StepContext#call}.
 */
public abstract sealed class BudgetExceededException extends BraidException
    permits CostBudgetExceededException, TokenBudgetExceededException {

  /** Which budget was met. */
  public enum Scope {
    /** The run's budget, shared by all its steps. */
    RUN,
    /** The budget of the step that made the call, over all its attempts. */
    STEP,
    /** The budget of one call, from {@link CallOptions}. */
    CALL
  }

  private final String stepName;
  private final Scope scope;
  private final long budget;
  private final long spent;
  private final Usage usage;

  BudgetExceededException(String pipelineName, String stepName, Scope scope, long budget,
      long spent, Usage usage, String message, @Nullable PipelineResult<?> partialResult) {
    super(pipelineName, message, null, partialResult);
    this.stepName = Objects.requireNonNull(stepName, "stepName");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.budget = budget;
    this.spent = spent;
    this.usage = Objects.requireNonNull(usage, "usage");
  }

  static String describe(String pipelineName, String stepName, Scope scope, String kind,
      String budget, String spent) {
    String owner = switch (scope) {
      case RUN -> "the run's " + kind + " budget of " + budget;
      case STEP -> "the step's " + kind + " budget of " + budget;
      case CALL -> "the call's " + kind + " budget of " + budget;
    };
    return "Step '" + stepName + "' of pipeline '" + pipelineName + "' reached " + owner + " ("
        + spent + " spent); raise the budget or make the step do less";
  }

  /** The step whose call met the budget. */
  public String stepName() {
    return stepName;
  }

  /** Whether the run's, the step's or the call's budget was met. */
  public Scope scope() {
    return scope;
  }

  /** The budget: microcents for a cost budget, tokens for a token budget. */
  public long budget() {
    return budget;
  }

  /** What the scope had spent, in the budget's unit, when the call was refused or returned. */
  public long spent() {
    return spent;
  }

  /** Everything the run had used when the budget was met; on the run's exception, the final sum. */
  public Usage usage() {
    return usage;
  }
}
