package dev.braid.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A method of the pipeline class that is no step, named by {@code @Step(when)} as the condition of
 * one or more steps. Its parameters are bound like a step's; the factory builds one per method, so
 * that steps sharing a condition share this record.
 *
 * @param method the condition method
 * @param name the method's simple name, which {@code when} names
 * @param parameters its parameters in order
 */
public record ConditionMethod(
    ExecutableElement method, String name, List<ParameterModel> parameters)
    implements BoundMethod {

  public ConditionMethod {
    parameters = List.copyOf(parameters);
  }
}
