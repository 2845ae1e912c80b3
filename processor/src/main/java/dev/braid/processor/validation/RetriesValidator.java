package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Retry counts must make sense: a pipeline's default is zero or more, and a step's is zero or more
 * or {@code -1} to inherit the default.
 */
final class RetriesValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    int pipelineRetries = pipeline.retries().value();
    if (pipelineRetries < 0) {
      findings.add(Finding.on(pipeline.type(), pipeline.annotation(), pipeline.retries().written(),
          "[Braid/BadRetries] retries = " + pipelineRetries + " of " + Prose.pipeline(pipeline)
              + " is negative; write 0 for one attempt or the number of retries after a "
              + "failed attempt."));
    }
    for (StepModel step : pipeline.steps()) {
      int retries = step.retries().value();
      if (retries < -1) {
        findings.add(Finding.on(step.method(), step.annotation(), step.retries().written(),
            "[Braid/BadRetries] retries = " + retries + " of " + Prose.step(step)
                + " is below -1; write 0 for one attempt, the number of retries after a "
                + "failed attempt, or -1 to inherit the pipeline's."));
      }
    }
    return findings;
  }
}
