package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * A step method must be one the generated executor can call on a pipeline instance with concrete
 * types: not private, static or abstract, without type parameters, throwing no checked throwable
 * but an {@code Exception}, and not a Kotlin {@code suspend} function. Each problem is its own
 * message, so fixing one does not reveal another in the next compile.
 */
final class StepSignatureValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      ExecutableElement method = step.method();
      String subject = "[Braid/StepSignature] " + Prose.step(step) + " of "
          + pipeline.className();
      MethodShape.notPrivate(method, subject, findings);
      if (method.getModifiers().contains(Modifier.STATIC)) {
        findings.add(Finding.on(method, subject + " is static, but steps run on the pipeline "
            + "instance; remove the static modifier."));
      }
      MethodShape.notAbstract(method, subject, findings);
      MethodShape.notGeneric(method, subject, findings);
      MethodShape.throwsOnlyExceptions(method, subject, findings);
      if (step.isSuspend()) {
        findings.add(Finding.on(method, subject + " is a suspend function, whose hidden "
            + "continuation parameter Braid cannot supply; remove suspend: each step already "
            + "runs on a virtual thread of its own."));
      }
    }
    return findings;
  }
}
