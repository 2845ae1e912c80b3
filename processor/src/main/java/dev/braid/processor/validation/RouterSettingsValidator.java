package dev.braid.processor.validation;

import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A router's deadline and budgets follow the rules of a pipeline's, under the same ids: a deadline
 * Braid can read and that is above zero, budgets of zero or more.
 */
final class RouterSettingsValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    List<Finding> findings = new ArrayList<>();
    new DurationValidator.Site(findings, router.type(), router.annotation(), Prose.router(router))
        .check("deadline", router.deadline(), DurationValidator.Kind.LIMIT,
            "or leave it empty for no limit");
    BudgetValidator.Site budgets =
        new BudgetValidator.Site(findings, router.type(), router.annotation(), Prose.router(router));
    budgets.check("costBudget", router.costBudget(), BudgetValidator.COST_ADVICE);
    budgets.checkDollars(router.costBudget(), router.costBudgetDollars());
    budgets.check("tokenBudget", router.tokenBudget(), BudgetValidator.TOKEN_ADVICE);
    return findings;
  }
}
