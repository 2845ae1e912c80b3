package dev.braid.processor.validation;

import dev.braid.processor.model.BoundMethod;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * All parameters that read one input, of steps and of condition methods alike, must declare the
 * same type, because the input is a single parameter of {@code execute(...)}. Each later parameter
 * that disagrees with the first is reported.
 */
final class InputTypeConflictValidator implements Validator {
  private final Types types;

  InputTypeConflictValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    Map<String, PipelineInput> inputs = new HashMap<>();
    pipeline.inputs().forEach(input -> inputs.put(input.name(), input));
    List<Finding> findings = new ArrayList<>();
    for (BoundMethod reader : pipeline.boundMethods()) {
      for (ParameterModel parameter : reader.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Input input) {
          PipelineInput first = inputs.get(input.name());
          if (!sameType(first.type(), parameter.type())) {
            findings.add(Finding.on(parameter.element(), message(first, reader, parameter)));
          }
        }
      }
    }
    return findings;
  }

  /** Like {@link Types#isSameType}, but a type with wildcards is the same as itself. */
  private boolean sameType(TypeMirror a, TypeMirror b) {
    return types.isSameType(a, b) || a.toString().equals(b.toString());
  }

  private static String message(
      PipelineInput first, BoundMethod reader, ParameterModel parameter) {
    return "[Braid/InputTypeConflict] Input " + first.name() + " has type "
        + TypeFormatter.format(parameter.type()) + " in " + Prose.method(reader) + " but "
        + TypeFormatter.format(first.type()) + " in " + Prose.method(first.firstReader())
        + "; declare every parameter of input " + first.name() + " with the same type.";
  }
}
