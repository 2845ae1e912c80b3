package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepCondition;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The name in {@code @Step(when)} must denote one thing: a step and a method of the same name, or
 * overloaded methods, would leave the reader to guess which one decides, so neither wins.
 */
final class AmbiguousConditionValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      if (step.condition() instanceof StepCondition.Ambiguous(boolean namesStep, int methods)) {
        String what = namesStep
            ? "both a step and a method named "
            : methods + " methods named ";
        findings.add(Finding.on(step.method(), step.annotation(), step.when().written(),
            "[Braid/AmbiguousCondition] " + Prose.condition(step) + ", but "
                + pipeline.className() + " has " + what + Prose.quote(step.when().value())
                + "; rename " + (namesStep ? "one of them" : "all but one")
                + " so that when names exactly one."));
      }
    }
    return findings;
  }
}
