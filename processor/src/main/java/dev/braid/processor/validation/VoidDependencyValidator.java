package dev.braid.processor.validation;

import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/** A {@code void} step has no output, so a parameter cannot read it; it can only be waited for. */
final class VoidDependencyValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      for (ParameterModel parameter : step.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Dependency dependency) {
          pipeline.step(dependency.stepName())
              .filter(source -> source.output().isVoid())
              .ifPresent(source -> findings.add(Finding.on(parameter.element(),
                  "[Braid/VoidDependency] " + Prose.parameter(step, parameter) + " reads step "
                      + source.name() + ", which returns void; remove the parameter and keep "
                      + Prose.quote(source.name()) + " in dependsOn to run after it.")));
        }
      }
    }
    return findings;
  }
}
