package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step names must be unique, since {@code dependsOn}, {@code @From}, results and errors refer to
 * steps by name. Each later step that reuses a name is reported, pointing at the first.
 */
final class DuplicateStepValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    Map<String, StepModel> firsts = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      StepModel first = firsts.putIfAbsent(step.name(), step);
      if (first != null) {
        String message = "[Braid/DuplicateStep] Methods " + first.method().getSimpleName()
            + "() and " + step.method().getSimpleName() + "() of " + pipeline.className()
            + " both declare step " + Prose.quote(step.name())
            + "; give one of them another name with @Step(name = ...).";
        findings.add(step.nameValue() == null
            ? Finding.on(step.method(), message)
            : Finding.on(step.method(), step.annotation(), step.nameValue(), message));
      }
    }
    return findings;
  }
}
