package dev.braid.processor.validation;

import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * A step returning {@code ModelRequest<R>} hands its dependents the model's {@code R}, so the
 * {@code R} must be a type they can be checked against: not left out (a raw {@code ModelRequest}),
 * not a wildcard, and not a {@code ConversationState}, which only a step itself can return.
 */
final class ModelRequestValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      if (step.output().kind() != StepOutput.Kind.MODEL_REQUEST) {
        continue;
      }
      String subject = "[Braid/ModelRequest] " + Prose.step(step) + " of " + pipeline.className()
          + " returns ";
      problem(step.method().getReturnType()).ifPresent(problem ->
          findings.add(Finding.on(step.method(), subject + problem)));
    }
    return findings;
  }

  private static Optional<String> problem(TypeMirror returned) {
    List<? extends TypeMirror> arguments = ((DeclaredType) returned).getTypeArguments();
    if (arguments.isEmpty()) {
      return Optional.of("a raw ModelRequest, so its dependents cannot be checked against the"
          + " model's answer; write the answer's type, such as ModelRequest<String>.");
    }
    TypeMirror answer = arguments.getFirst();
    if (answer instanceof WildcardType wildcard) {
      TypeMirror bound = wildcard.getExtendsBound();
      return Optional.of(TypeFormatter.format(returned) + ", whose wildcard hides the type of the"
          + " model's answer that its dependents receive; name the type, such as ModelRequest<"
          + (bound == null ? "String" : TypeFormatter.format(bound)) + ">.");
    }
    if (answer.getKind() != TypeKind.ERROR
        && BraidNames.isType(answer, BraidNames.CONVERSATION_STATE)) {
      return Optional.of(TypeFormatter.format(returned) + ", but a model's answer cannot stop the"
          + " run as a ConversationState a step returns does; return the model's own type, and"
          + " the ConversationState from a step that reads this one.");
    }
    return Optional.empty();
  }
}
