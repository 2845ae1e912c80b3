package dev.braid.processor.validation;

import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepCondition;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * A condition must return {@code boolean} or {@code Boolean}: a step that does (not its data in a
 * {@code ConversationState}), or a method that does. A {@code null} Boolean counts as false.
 */
final class ConditionTypeValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      Optional<String> problem = switch (step.condition()) {
        case StepCondition.OnStep(String stepName) -> pipeline.step(stepName)
            .filter(source -> source.output().kind() != StepOutput.Kind.VALUE
                    && source.output().kind() != StepOutput.Kind.MODEL_REQUEST
                || !BraidNames.isBoolean(source.output().type()))
            .flatMap(source -> returns("step", source.name(), source.method().getReturnType()));
        case StepCondition.OnMethod(ConditionMethod method) ->
            BraidNames.isBoolean(method.method().getReturnType()) || method.isSuspend()
                ? Optional.empty()
                : returns("method", method.name(), method.method().getReturnType());
        default -> Optional.empty();
      };
      problem.ifPresent(text -> findings.add(Finding.on(step.method(), step.annotation(),
          step.when().written(), "[Braid/ConditionType] " + Prose.condition(step) + ", but "
              + text)));
    }
    return findings;
  }

  /** The rest of the message, unless javac could not resolve the type and reports it itself. */
  private static Optional<String> returns(String kind, String name, TypeMirror returned) {
    if (returned.getKind() == TypeKind.ERROR) {
      return Optional.empty();
    }
    return Optional.of(kind + " " + name + " returns " + TypeFormatter.format(returned)
        + ", not boolean; return boolean or Boolean from " + name
        + ", or name another condition.");
  }
}
