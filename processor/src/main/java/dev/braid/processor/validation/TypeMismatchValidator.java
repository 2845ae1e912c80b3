package dev.braid.processor.validation;

import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModel.DependencyRead;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Types;

/**
 * A parameter that reads a step must accept that step's output as an assignment would: the same
 * type, a supertype, or a boxing or unboxing of it. Checked here so that the mistake is reported on
 * the parameter, not as an error inside generated code.
 */
final class TypeMismatchValidator implements Validator {
  private final Types types;

  TypeMismatchValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (DependencyRead read : pipeline.dependencyReads()) {
      if (!read.source().output().isVoid() && !accepts(read.parameter(), read.source().output())) {
        findings.add(Finding.on(read.parameter().element(),
            message(read.step(), read.parameter(), read.source())));
      }
    }
    return findings;
  }

  private boolean accepts(ParameterModel parameter, StepOutput output) {
    return parameter.type().getKind() == TypeKind.ERROR
        || output.type().getKind() == TypeKind.ERROR
        || types.isAssignable(output.type(), parameter.type());
  }

  private static String message(StepModel step, ParameterModel parameter, StepModel source) {
    String output = TypeFormatter.format(source.output().type());
    String returns = source.output().kind() == StepOutput.Kind.CONVERSATION
        ? TypeFormatter.format(source.method().getReturnType()) + " with data " + output
        : output;
    return "[Braid/TypeMismatch] " + Prose.parameter(step, parameter) + " has type "
        + TypeFormatter.format(parameter.type()) + ", but step " + source.name() + " returns "
        + returns + "; change the parameter's type to " + output + " or a supertype.";
  }
}
