package dev.braid.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * A method of a {@code @Router} class annotated {@code @Route}, which picks the pipeline to run.
 * Its parameters are bound like a step's, except that there are no steps to read: an {@code
 * @Input} is an input of the router, and a {@code StepContext} the context of the router's {@code
 * route} step.
 *
 * @param method the method in source, where diagnostics about it point
 * @param name the method's simple name
 * @param parameters its parameters in order
 */
public record RouteMethod(ExecutableElement method, String name, List<ParameterModel> parameters) {

  public RouteMethod {
    parameters = List.copyOf(parameters);
  }

  /**
   * The router's inputs: the first parameter of each distinct {@code @Input} name, in order, which
   * become the parameters of the generated {@code execute(...)}.
   */
  public List<ParameterModel> inputs() {
    Map<String, ParameterModel> inputs = new LinkedHashMap<>();
    for (ParameterModel parameter : parameters) {
      if (parameter.binding() instanceof ParameterBinding.Input(String inputName)) {
        inputs.putIfAbsent(inputName, parameter);
      }
    }
    return new ArrayList<>(inputs.values());
  }

  /** The input name {@code parameter} reads; it must be bound to an input. */
  public static String inputName(ParameterModel parameter) {
    if (parameter.binding() instanceof ParameterBinding.Input(String inputName)) {
      return inputName;
    }
    throw new IllegalArgumentException(parameter.name() + " is not an @Input parameter");
  }
}
