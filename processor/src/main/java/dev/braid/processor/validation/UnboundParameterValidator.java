package dev.braid.processor.validation;

import dev.braid.processor.model.BoundMethod;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of a step or a condition method must have exactly one source, or the executor
 * would not know what to pass.
 */
final class UnboundParameterValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (BoundMethod method : pipeline.boundMethods()) {
      for (ParameterModel parameter : method.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Unbound unbound) {
          findings.add(Finding.on(parameter.element(), message(method, parameter, unbound)));
        }
      }
    }
    return findings;
  }

  private static String message(
      BoundMethod method, ParameterModel parameter, ParameterBinding.Unbound unbound) {
    String subject = "[Braid/UnboundParameter] " + Prose.parameter(method, parameter);
    return switch (unbound.reason()) {
      case NO_SOURCE -> method instanceof StepModel
          ? subject + " has no source; annotate it @Input for a pipeline input, "
              + "list a step in dependsOn and name the parameter after it or use @From, "
              + "or declare it as a StepContext."
          : subject + " has no source; annotate it @Input for a pipeline input, or name the "
              + "parameter after a step that its conditional step depends on or use @From.";
      case INPUT_AND_FROM -> subject + " has both @Input and @From; keep the one that says "
          + "where its value comes from.";
    };
  }
}
