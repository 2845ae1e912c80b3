package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import java.util.List;

/** A pipeline without steps has nothing to run and no output, and is surely a mistake. */
final class EmptyPipelineValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    if (!pipeline.steps().isEmpty()) {
      return List.of();
    }
    return List.of(Finding.on(pipeline.type(), pipeline.annotation(),
        "[Braid/EmptyPipeline] " + Prose.pipeline(pipeline) + " has no @Step methods; annotate "
            + "the methods that make up the pipeline with @Step."));
  }
}
