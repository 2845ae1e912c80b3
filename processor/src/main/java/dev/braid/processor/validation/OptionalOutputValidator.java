package dev.braid.processor.validation;

import dev.braid.processor.model.OutputSelection;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.List;

/**
 * The pipeline's output step must not be optional: when it failed, the run would complete with no
 * output to return. A {@code void} output step may be optional, since its run has no output anyway.
 * Silent when there is no single output step, which {@link OutputStepValidator} reports.
 */
final class OptionalOutputValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    if (pipeline.steps().isEmpty()
        || !(OutputSelection.of(pipeline) instanceof OutputSelection.Selected selected)) {
      return List.of();
    }
    StepModel output = pipeline.steps().get(selected.step());
    // A missing dependsOn edge can make a step look final; only an explicit mark is then certain.
    boolean certain = pipeline.graph().isComplete() || output.markedOutput().value();
    if (!certain || !output.isOptional() || output.output().isVoid()) {
      return List.of();
    }
    return List.of(Finding.on(output.method(), output.annotation(), output.optional().written(),
        "[Braid/OptionalOutput] " + Prose.step(output) + " is the output of "
            + pipeline.className() + " but is marked optional = true, so a run in which it "
            + "failed would have no output; remove optional = true, or mark another step "
            + "@Step(output = true)."));
  }
}
