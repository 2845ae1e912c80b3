package dev.braid.processor.validation;

import dev.braid.processor.model.ExceptionClass;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.util.Types;

/**
 * A class in a step's {@code retryOn} must not also be caught by its {@code abortOn}: abortOn wins,
 * so the retryOn entry would never earn a retry, and one of the two entries is surely a mistake.
 * Reported on the abortOn entry, for the same class and for a superclass of the retryOn entry.
 */
final class RetryPolicyValidator implements Validator {
  private final Types types;

  RetryPolicyValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      for (ExceptionClass abort : step.abortOn()) {
        for (ExceptionClass retry : step.retryOn()) {
          if (types.isSubtype(retry.type(), abort.type())) {
            findings.add(Finding.on(step.method(), step.annotation(), abort.written(),
                message(step, retry, abort)));
          }
        }
      }
    }
    return findings;
  }

  private static String message(StepModel step, ExceptionClass retry, ExceptionClass abort) {
    String retried = TypeFormatter.format(retry.type());
    String aborted = TypeFormatter.format(abort.type());
    String subject = "[Braid/RetryPolicy] " + Prose.step(step);
    if (retry.qualifiedName().equals(abort.qualifiedName())) {
      return subject + " lists " + aborted + " in both retryOn and abortOn, and abortOn wins, so "
          + "it is never retried; remove it from the one that is wrong.";
    }
    return subject + " lists " + retried + " in retryOn, but abortOn lists its superclass "
        + aborted + ", which wins, so " + retried + " is never retried; remove one of the two.";
  }
}
