package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepCondition;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The name in {@code @Step(when)} must be a step of the pipeline or another method of its class.
 * The message explains an internal Kotlin step or method of that name, whose name is mangled;
 * otherwise it suggests the step whose method has that name, since {@code when} names a step by its
 * step name, or else the nearest such name when it looks like a typo.
 */
final class MissingConditionValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      if (step.condition() instanceof StepCondition.Missing(List<String> methodNames)) {
        Set<String> candidates = new LinkedHashSet<>(pipeline.graph().names());
        candidates.remove(step.name());
        candidates.addAll(methodNames);
        String when = step.when().value();
        String subject = "[Braid/MissingCondition] " + Prose.condition(step) + ", but ";
        Optional<StepModel> renamed = pipeline.steps().stream()
            .filter(other -> other.method().getSimpleName().contentEquals(when))
            .findFirst();
        String missing = subject + pipeline.className() + " has no step or method named "
            + Prose.quote(when);
        Optional<String> internal = InternalFunctions.mangled(when, candidates).map(mangled ->
            missing + "; " + InternalFunctions.advice(
                pipeline.graph().indexOf(mangled) < 0 ? "method" : "step", mangled, when));
        Optional<String> stepName = renamed.map(other -> subject + "method " + when + " of "
            + pipeline.className() + " is " + Prose.step(other) + ", and when names a step by "
            + "its step name; did you mean " + Prose.quote(other.name()) + "?");
        findings.add(Finding.on(step.method(), step.annotation(), step.when().written(),
            internal.or(() -> stepName)
                .or(() -> DidYouMean.closest(when, candidates)
                    .map(suggestion -> missing + "; did you mean " + Prose.quote(suggestion)
                        + "?"))
                .orElseGet(() -> missing + "; name a step or a method of "
                    + pipeline.className() + " that returns boolean.")));
      }
    }
    return findings;
  }
}
