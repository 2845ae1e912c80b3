package dev.braid.runtime.internal;

import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.CostBudgetExceededException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.TokenBudgetExceededException;

/** Turns the budget exception a step saw into the one its run throws. */
final class Budgets {
  private Budgets() {}

  /** The same exception, carrying the run's final usage and its partial result. */
  static BudgetExceededException withResult(BudgetExceededException seen, PipelineResult<?> result) {
    return switch (seen) {
      case CostBudgetExceededException cost -> new CostBudgetExceededException(
          cost.pipelineName(), cost.stepName(), cost.scope(), cost.budget(), cost.spent(),
          result.usage(), result);
      case TokenBudgetExceededException tokens -> new TokenBudgetExceededException(
          tokens.pipelineName(), tokens.stepName(), tokens.scope(), tokens.budget(), tokens.spent(),
          result.usage(), result);
    };
  }
}
