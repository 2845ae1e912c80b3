package dev.braid.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Where a step parameter's value comes from at run time, decided at compile time from its
 * annotations, type and name.
 */
public sealed interface ParameterBinding {

  /** A pipeline input, one parameter of the generated {@code execute(...)}. */
  record Input(String name) implements ParameterBinding {}

  /**
   * The output of another step, named by {@code @From} ({@code from} and {@code fromValue} set) or
   * by the parameter's own name (both null).
   */
  record Dependency(
      String stepName, @Nullable AnnotationMirror from, @Nullable AnnotationValue fromValue)
      implements ParameterBinding {

    /** Whether {@code @From} named the step, rather than the parameter's name. */
    public boolean explicit() {
      return from != null;
    }
  }

  /** The runtime's {@code StepContext} for the running attempt. */
  record Context() implements ParameterBinding {}

  /** No source, or conflicting ones; generation is impossible. */
  record Unbound(Reason reason) implements ParameterBinding {

    /** Why the parameter could not be bound. */
    public enum Reason {
      /** Nothing says where the value comes from. */
      NO_SOURCE,
      /** Both {@code @Input} and {@code @From}: two sources. */
      INPUT_AND_FROM,
      /**
       * The continuation Kotlin adds as the last parameter of a {@code suspend} function, which
       * only a coroutine can supply; the rule on the method's signature reports the function.
       */
      CONTINUATION
    }
  }
}
