package dev.braid.processor.validation;

import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepCondition;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameter may read only a step its own step waits for, because only {@code dependsOn} (or a
 * {@code when} that names a step) makes the run wait for that step's output. A condition method is
 * called just before its conditional step would start, so the same holds for its parameters, once
 * for each step whose {@code when} names it; it cannot read that step itself, which has not run.
 */
final class UndeclaredDependencyValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      for (ParameterModel parameter : step.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Dependency dependency
            && pipeline.graph().indexOf(dependency.stepName()) >= 0
            && !step.waitsFor(dependency.stepName())) {
          findings.add(Finding.on(parameter.element(),
              "[Braid/UndeclaredDependency] " + Prose.parameter(step, parameter) + " reads step "
                  + dependency.stepName() + through(dependency)
                  + ", which is not in its dependsOn; add "
                  + Prose.quote(dependency.stepName()) + " to the dependsOn of "
                  + Prose.step(step) + "."));
        }
      }
      if (step.condition() instanceof StepCondition.OnMethod(ConditionMethod condition)) {
        conditionReads(findings, pipeline, step, condition);
      }
    }
    return findings;
  }

  private static void conditionReads(
      List<Finding> findings, PipelineModel pipeline, StepModel step, ConditionMethod condition) {
    for (ParameterModel parameter : condition.parameters()) {
      if (!(parameter.binding() instanceof ParameterBinding.Dependency dependency)
          || pipeline.graph().indexOf(dependency.stepName()) < 0) {
        continue;
      }
      String subject = "[Braid/UndeclaredDependency] " + Prose.parameter(condition, parameter)
          + " reads step " + dependency.stepName() + through(dependency);
      if (pipeline.graph().indexOf(dependency.stepName()) == step.index()) {
        findings.add(Finding.on(parameter.element(), subject + ", but " + condition.name()
            + " is the condition of " + Prose.step(step) + ", which has not run yet when it is "
            + "checked; read only steps that " + step.name() + " depends on."));
      } else if (!step.waitsFor(dependency.stepName())) {
        findings.add(Finding.on(parameter.element(), subject + ", but " + Prose.step(step)
            + ", whose when names " + condition.name() + ", does not depend on it; add "
            + Prose.quote(dependency.stepName()) + " to the dependsOn of " + Prose.step(step)
            + "."));
      }
    }
  }

  private static String through(ParameterBinding.Dependency dependency) {
    return dependency.explicit() ? " through @From" : "";
  }
}
