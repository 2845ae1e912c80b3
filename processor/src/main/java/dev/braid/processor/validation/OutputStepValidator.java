package dev.braid.processor.validation;

import dev.braid.processor.model.OutputSelection;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.List;

/**
 * A pipeline must have exactly one output step. Skipped when a {@code dependsOn} name is unknown,
 * because the missing edge could make a step look final; and silent when every step has a
 * dependent, which only a cycle allows and the cycle rule reports.
 */
final class OutputStepValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    if (pipeline.steps().isEmpty() || !pipeline.graph().isComplete()) {
      return List.of();
    }
    return switch (OutputSelection.of(pipeline)) {
      case OutputSelection.SeveralMarked(List<Integer> marked) -> {
        StepModel second = pipeline.steps().get(marked.get(1));
        yield List.of(Finding.on(second.method(), second.annotation(),
            second.markedOutput().written(),
            "[Braid/AmbiguousOutput] Steps " + names(pipeline, marked) + " of "
                + pipeline.className() + " are all marked output = true; keep it on the one "
                + "step whose output the pipeline returns."));
      }
      case OutputSelection.SeveralFinal(List<Integer> finals) -> List.of(Finding.on(
          pipeline.type(), pipeline.annotation(),
          "[Braid/AmbiguousOutput] " + Prose.pipeline(pipeline) + " has several final steps ("
              + names(pipeline, finals) + ") and none is marked as its output; mark the step "
              + "whose output the pipeline returns with @Step(output = true)."));
      case OutputSelection.Selected selected -> List.of();
      case OutputSelection.NoFinalStep none -> List.of();
    };
  }

  private static String names(PipelineModel pipeline, List<Integer> steps) {
    return Prose.and(steps.stream().map(pipeline.graph()::name).toList());
  }
}
