package dev.braid.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A method of the pipeline class whose arguments the generated executor supplies, each parameter
 * bound at compile time: a step, or a condition method that a step's {@code @Step(when)} names.
 * Rules about parameters (unbound, mistyped, reading the wrong step) hold for both alike.
 */
public sealed interface BoundMethod permits StepModel, ConditionMethod {

  /** The method in source, where diagnostics about it point. */
  ExecutableElement method();

  /** Its parameters in order. */
  List<ParameterModel> parameters();

  /** Whether it is a Kotlin {@code suspend} function: its last parameter is the continuation. */
  default boolean isSuspend() {
    return !parameters().isEmpty()
        && parameters().getLast().binding() instanceof ParameterBinding.Unbound unbound
        && unbound.reason() == ParameterBinding.Unbound.Reason.CONTINUATION;
  }
}
