package dev.braid.processor.validation;

import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A condition method must be one the generated executor can call with concrete types: not private,
 * without type parameters, throwing no checked throwable but an {@code Exception}, not a Kotlin
 * {@code suspend} function, and without a {@code StepContext}, since a condition is checked before
 * its step's first attempt, when there is none. It may be static. Each method is reported once,
 * however many steps name it.
 */
final class ConditionSignatureValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (ConditionMethod condition : pipeline.conditionMethods()) {
      ExecutableElement method = condition.method();
      String subject = "[Braid/ConditionSignature] Condition method " + condition.name() + " of "
          + pipeline.className();
      MethodShape.notPrivate(method, subject, findings);
      MethodShape.notGeneric(method, subject, findings);
      MethodShape.throwsOnlyExceptions(method, subject, findings);
      if (condition.isSuspend()) {
        findings.add(Finding.on(method, subject + " is a suspend function, whose hidden "
            + "continuation parameter Braid cannot supply; remove suspend: it already runs on "
            + "the virtual thread of its step."));
      }
      for (ParameterModel parameter : condition.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Context) {
          findings.add(Finding.on(parameter.element(), "[Braid/ConditionSignature] "
              + Prose.parameter(condition, parameter) + " has type StepContext, but a "
              + "condition is checked before its step starts, when there is no StepContext; "
              + "remove the parameter."));
        }
      }
    }
    return findings;
  }
}
