package dev.braid.runtime;

import org.jspecify.annotations.Nullable;

/** A run, step or call reached its token budget; see {@link BudgetExceededException}. */
public final class TokenBudgetExceededException extends BudgetExceededException {

  public TokenBudgetExceededException(String pipelineName, String stepName, Scope scope,
      long budgetTokens, long spentTokens, Usage usage, @Nullable PipelineResult<?> partialResult) {
    super(pipelineName, stepName, scope, budgetTokens, spentTokens, usage,
        describe(pipelineName, stepName, scope, "token", budgetTokens + " tokens",
            spentTokens + " tokens"),
        partialResult);
  }
}
