package dev.braid.processor.validation;

import dev.braid.processor.model.OutputSelection;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.List;

/**
 * The pipeline's output step must not be conditional: a run that skipped it would have no output
 * to return, {@code void} or not. Silent when there is no single output step, which {@link
 * OutputStepValidator} reports.
 */
final class ConditionalOutputValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    if (pipeline.steps().isEmpty()
        || !(OutputSelection.of(pipeline) instanceof OutputSelection.Selected selected)) {
      return List.of();
    }
    StepModel output = pipeline.steps().get(selected.step());
    // A missing dependsOn edge can make a step look final; only an explicit mark is then certain.
    boolean certain = pipeline.graph().isComplete() || output.markedOutput().value();
    if (!certain || !output.isConditional()) {
      return List.of();
    }
    return List.of(Finding.on(output.method(), output.annotation(), output.when().written(),
        "[Braid/ConditionalOutput] " + Prose.step(output) + " is the output of "
            + pipeline.className() + " but runs only when "
            + Prose.quote(output.when().value()) + ", so a run that skipped it would have no "
            + "output; remove when, or mark another step @Step(output = true)."));
  }
}
