package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A step's concurrency cap must let at least one attempt run: {@code 0} is only the attribute's
 * default, standing for no cap, so written out it would never let the step run, and a negative
 * cap means nothing.
 */
final class ConcurrencyCapValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      if (step.maxConcurrent().written() == null) {
        continue;
      }
      int cap = step.maxConcurrent().value();
      String subject = "[Braid/BadConcurrencyCap] maxConcurrent = " + cap + " of "
          + Prose.step(step);
      if (cap == 0) {
        findings.add(Finding.on(step.method(), step.annotation(), step.maxConcurrent().written(),
            subject + " would never let the step run; write the most attempts all runs of the"
                + " executor may run at once, such as 5, or leave it out for no cap."));
      } else if (cap < 0) {
        findings.add(Finding.on(step.method(), step.annotation(), step.maxConcurrent().written(),
            subject + " is negative; write the most attempts all runs of the executor may run"
                + " at once, 1 or more, or leave it out for no cap."));
      }
    }
    return findings;
  }
}
