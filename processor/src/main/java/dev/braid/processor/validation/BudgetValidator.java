package dev.braid.processor.validation;

import dev.braid.processor.model.Attribute;
import dev.braid.processor.model.DollarAmount;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Budgets must be zero or more. {@code -1} is only the attributes' default, standing for no limit:
 * written out it is as wrong as any other negative number, and the fix is to leave it out. A
 * budget in dollars ({@code costBudgetDollars}) must be a dollar amount Braid reads exactly, and
 * may not be written next to {@code costBudget}, which would leave it unclear which one holds.
 */
final class BudgetValidator implements Validator {
  static final String COST_ADVICE =
      "set a budget of zero or more in microcents, such as 50 * Microcents.CENT for 50 cents";
  static final String TOKEN_ADVICE =
      "set a budget of zero or more tokens, such as 10_000";

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    Site site =
        new Site(findings, pipeline.type(), pipeline.annotation(), Prose.pipeline(pipeline));
    site.check("costBudget", pipeline.costBudget(), COST_ADVICE);
    site.checkDollars(pipeline.costBudget(), pipeline.costBudgetDollars());
    site.check("tokenBudget", pipeline.tokenBudget(), TOKEN_ADVICE);
    for (StepModel step : pipeline.steps()) {
      Site stepSite = new Site(findings, step.method(), step.annotation(), Prose.step(step));
      stepSite.check("costBudget", step.costBudget(), COST_ADVICE);
      stepSite.checkDollars(step.costBudget(), step.costBudgetDollars());
      stepSite.check("tokenBudget", step.tokenBudget(), TOKEN_ADVICE);
    }
    return findings;
  }

  /**
   * The annotation whose budgets are checked, and where findings about them go; routers check
   * theirs with it too.
   */
  record Site(
      List<Finding> findings, Element element, AnnotationMirror annotation, String subject) {

    void check(String attribute, Attribute<Long> budget, String advice) {
      if (budget.written() != null && budget.value() < 0) {
        findings.add(Finding.on(element, annotation, budget.written(),
            "[Braid/BadBudget] " + attribute + " = " + budget.value() + " of " + subject
                + " is negative; " + advice + ", or leave it out for no limit."));
      }
    }

    void checkDollars(Attribute<Long> microcents, Attribute<String> dollars) {
      AnnotationValue written = dollars.written();
      if (written == null || dollars.value().isEmpty()) {
        return;
      }
      if (microcents.written() != null) {
        findings.add(Finding.on(element, annotation, written,
            "[Braid/ConflictingBudget] " + subject + " sets both costBudget = "
                + microcents.value() + " (microcents) and costBudgetDollars = "
                + Prose.quote(dollars.value()) + "; keep only one of them, such as"
                + " costBudgetDollars = \"$0.10\"."));
      }
      DollarAmount amount = DollarAmount.parse(dollars.value());
      if (amount.problem() != null) {
        findings.add(Finding.on(element, annotation, written,
            "[Braid/BadBudget] costBudgetDollars = " + Prose.quote(dollars.value()) + " of "
                + subject + " " + amount.problem() + ", or leave it out for no limit."));
      }
    }
  }
}
