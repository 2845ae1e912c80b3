package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import java.util.List;

/**
 * A pipeline class must be one that the executor generated beside it can name, and that an
 * application or a dependency-injection container can create: a concrete, non-generic, accessible
 * top-level or static nested class with a constructor that is not private.
 */
final class PipelineClassValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    return ClassShape.check(pipeline.type(),
        "[Braid/PipelineClass] " + Prose.pipeline(pipeline), "pipeline", "step types");
  }
}
