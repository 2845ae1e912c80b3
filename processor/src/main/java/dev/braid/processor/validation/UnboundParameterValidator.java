package dev.braid.processor.validation;

import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Every step parameter must have exactly one source, or the executor would not know what to pass.
 */
final class UnboundParameterValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (StepModel step : pipeline.steps()) {
      for (ParameterModel parameter : step.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Unbound unbound) {
          findings.add(Finding.on(parameter.element(), message(step, parameter, unbound)));
        }
      }
    }
    return findings;
  }

  private static String message(
      StepModel step, ParameterModel parameter, ParameterBinding.Unbound unbound) {
    String subject = "[Braid/UnboundParameter] " + Prose.parameter(step, parameter);
    return switch (unbound.reason()) {
      case NO_SOURCE -> subject + " has no source; annotate it @Input for a pipeline input, "
          + "list a step in dependsOn and name the parameter after it or use @From, "
          + "or declare it as a StepContext.";
      case INPUT_AND_FROM -> subject + " has both @Input and @From; keep the one that says "
          + "where its value comes from.";
    };
  }
}
