package dev.braid.processor.validation;

import dev.braid.processor.model.BoundMethod;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every parameter of a step or a condition method must have exactly one source, or the executor
 * would not know what to pass. A parameter named after an internal Kotlin step, whose name is
 * mangled, is told so. The continuation of a Kotlin {@code suspend} function is left to the
 * signature rules, which report the function.
 */
final class UnboundParameterValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (BoundMethod method : pipeline.boundMethods()) {
      for (ParameterModel parameter : method.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Unbound unbound) {
          message(pipeline, method, parameter, unbound)
              .ifPresent(message -> findings.add(Finding.on(parameter.element(), message)));
        }
      }
    }
    return findings;
  }

  private static Optional<String> message(PipelineModel pipeline,
      BoundMethod method, ParameterModel parameter, ParameterBinding.Unbound unbound) {
    String subject = "[Braid/UnboundParameter] " + Prose.parameter(method, parameter);
    return switch (unbound.reason()) {
      case NO_SOURCE -> Optional.of(InternalFunctions
          .mangled(parameter.name(), pipeline.graph().names())
          .map(mangled -> subject + " has no source; "
              + InternalFunctions.advice("step", mangled, parameter.name()))
          .orElseGet(() -> method instanceof StepModel
              ? subject + " has no source; annotate it @Input for a pipeline input, "
                  + "list a step in dependsOn and name the parameter after it or use @From, "
                  + "or declare it as a StepContext."
              : subject + " has no source; annotate it @Input for a pipeline input, or name the "
                  + "parameter after a step that its conditional step depends on or use "
                  + "@From."));
      case INPUT_AND_FROM -> Optional.of(subject + " has both @Input and @From; keep the one "
          + "that says where its value comes from.");
      case CONTINUATION -> Optional.empty();
    };
  }
}
