package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * A pipeline's inputs must fit in one method of its executor. The JVM gives a method 255 slots of
 * parameters, {@code this} included, where a {@code long} or {@code double} takes two; the
 * executor's {@code resume(previous, inputs…, options)} uses three of them for itself, so the
 * inputs may take {@value #INPUT_SLOTS}. Reported once, on the parameter that declares the first
 * input past the limit.
 */
final class TooManyInputsValidator implements Validator {
  /** The JVM's limit on the parameter slots of one method, {@code this} included (JVMS 4.3.3). */
  static final int METHOD_SLOTS = 255;
  /** What {@code resume} leaves the inputs: {@code this}, {@code previous} and {@code options}. */
  static final int INPUT_SLOTS = METHOD_SLOTS - 3;

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<PipelineInput> inputs = pipeline.inputs();
    int used = 0;
    for (PipelineInput input : inputs) {
      used += slots(input.type());
      if (used > INPUT_SLOTS) {
        int total = inputs.stream().mapToInt(each -> slots(each.type())).sum();
        return List.of(Finding.on(input.firstParameter().element(), "[Braid/TooManyInputs] "
            + Prose.pipeline(pipeline) + " has " + inputs.size() + " inputs taking " + total
            + " parameter slots, past the " + INPUT_SLOTS + " its executor's resume(previous, "
            + "inputs…, options) has room for within the JVM's limit of " + METHOD_SLOTS
            + " (a long or double takes two); input " + input.name() + " is the first past it, "
            + "so group inputs into a record and read that as one @Input."));
      }
    }
    return List.of();
  }

  /** The parameter slots a value of {@code type} takes. */
  static int slots(TypeMirror type) {
    return type.getKind() == TypeKind.LONG || type.getKind() == TypeKind.DOUBLE ? 2 : 1;
  }
}
