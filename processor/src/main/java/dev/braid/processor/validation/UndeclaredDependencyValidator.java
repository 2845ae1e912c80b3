package dev.braid.processor.validation;

import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameter may read only a step its own step depends on, because only {@code dependsOn} makes
 * the run wait for that step's output.
 */
final class UndeclaredDependencyValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      for (ParameterModel parameter : step.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Dependency dependency
            && pipeline.graph().indexOf(dependency.stepName()) >= 0
            && !step.dependsOn(dependency.stepName())) {
          findings.add(Finding.on(parameter.element(),
              "[Braid/UndeclaredDependency] " + Prose.parameter(step, parameter) + " reads step "
                  + dependency.stepName() + (dependency.explicit() ? " through @From" : "")
                  + ", which is not in its dependsOn; add "
                  + Prose.quote(dependency.stepName()) + " to the dependsOn of "
                  + Prose.step(step) + "."));
        }
      }
    }
    return findings;
  }
}
