package dev.braid.processor.validation;

import dev.braid.processor.model.BoundMethod;
import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.DependencyName;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every step named in {@code dependsOn} or {@code @From}, on a step's parameter or a condition
 * method's, must exist. The message explains an internal Kotlin step of that name, suggests the
 * nearest step name when the name looks like a typo, and otherwise lists the steps.
 */
final class MissingDependencyValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      for (DependencyName dependency : step.dependsOn()) {
        if (pipeline.graph().indexOf(dependency.name()) < 0) {
          findings.add(Finding.on(step.method(), step.annotation(), dependency.written(),
              "[Braid/MissingDependency] " + Prose.step(step) + " depends on "
                  + Prose.quote(dependency.name()) + ", but "
                  + unknown(pipeline, step.name(), dependency.name())));
        }
      }
      unknownFrom(findings, pipeline, step, step.name());
    }
    for (ConditionMethod condition : pipeline.conditionMethods()) {
      unknownFrom(findings, pipeline, condition, null);
    }
    return findings;
  }

  /** Reports the parameters of {@code method} whose {@code @From} names no step. */
  private static void unknownFrom(List<Finding> findings, PipelineModel pipeline,
      BoundMethod method, @Nullable String self) {
    for (ParameterModel parameter : method.parameters()) {
      if (parameter.binding() instanceof ParameterBinding.Dependency dependency
          && dependency.explicit()
          && pipeline.graph().indexOf(dependency.stepName()) < 0) {
        findings.add(Finding.on(parameter.element(), Objects.requireNonNull(dependency.from()),
            dependency.fromValue(),
            "[Braid/MissingDependency] " + Prose.parameter(method, parameter) + " reads @From("
                + Prose.quote(dependency.stepName()) + "), but "
                + unknown(pipeline, self, dependency.stepName())));
      }
    }
  }

  /**
   * The rest of the sentence: which name is unknown, then a suggestion or the known names other
   * than {@code self}, the step that names it, if any.
   */
  private static String unknown(PipelineModel pipeline, @Nullable String self, String name) {
    List<String> others = pipeline.graph().names().stream()
        .filter(other -> !other.equals(self))
        .distinct()
        .toList();
    String missing = pipeline.className() + " has no step named " + Prose.quote(name);
    return InternalFunctions.mangled(name, others)
        .map(mangled -> missing + "; " + InternalFunctions.advice("step", mangled, name))
        .or(() -> DidYouMean.closest(name, others)
            .map(suggestion -> missing + "; did you mean " + Prose.quote(suggestion) + "?"))
        .orElseGet(() -> others.isEmpty()
            ? missing + "; it has no other step."
            : missing + "; its other steps are "
                + Prose.and(others.stream().map(Prose::quote).toList()) + ".");
  }
}
