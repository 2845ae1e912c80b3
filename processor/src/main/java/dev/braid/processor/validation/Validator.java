package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import java.util.List;

/** One rule a pipeline must satisfy. It reports rather than throws, so that every rule runs. */
interface Validator {

  /** The rule's findings on {@code pipeline}, in source order; empty when it holds. */
  List<Finding> validate(PipelineModel pipeline);
}
