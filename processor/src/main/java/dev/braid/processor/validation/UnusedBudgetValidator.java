package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationValue;

/**
 * A step's budgets count only the model calls it makes through {@code StepContext.call}, so a step
 * that sets one but takes no {@code StepContext} has a budget that can never apply. A warning, not
 * an error: the pipeline still runs, only without the limit its author meant. Reported once per
 * step, on the first budget it sets.
 */
final class UnusedBudgetValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      AnnotationValue cost = step.costBudget().written() != null
          ? step.costBudget().written()
          : step.costBudgetDollars().value().isEmpty() ? null : step.costBudgetDollars().written();
      AnnotationValue tokens = step.tokenBudget().written();
      if (step.callsModels() || (cost == null && tokens == null)) {
        continue;
      }
      boolean both = cost != null && tokens != null;
      String costName = step.costBudget().written() != null ? "costBudget" : "costBudgetDollars";
      String budgets = both ? costName + " and tokenBudget"
          : cost != null ? costName : "tokenBudget";
      findings.add(Finding.warning(step.method(), step.annotation(), cost != null ? cost : tokens,
          "[Braid/UnusedBudget] " + Prose.step(step) + " sets " + budgets
              + " but has no StepContext parameter, so " + (both ? "they" : "it")
              + " can never apply: only model calls made through StepContext.call count against "
              + "a budget; add a StepContext parameter and call models through it, or remove "
              + budgets + "."));
    }
    return findings;
  }
}
