package dev.braid.runtime;

import org.jspecify.annotations.Nullable;

/** A run, step or call reached its cost budget; see {@link BudgetExceededException}. */
public final class CostBudgetExceededException extends BudgetExceededException {

  public CostBudgetExceededException(String pipelineName, String stepName, Scope scope,
      long budgetMicrocents, long spentMicrocents, Usage usage,
      @Nullable PipelineResult<?> partialResult) {
    super(pipelineName, stepName, scope, budgetMicrocents, spentMicrocents, usage,
        describe(pipelineName, stepName, scope, "cost", Microcents.format(budgetMicrocents),
            Microcents.format(spentMicrocents)),
        partialResult);
  }
}
