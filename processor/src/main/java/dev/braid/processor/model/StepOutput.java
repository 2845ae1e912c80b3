package dev.braid.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * What a step hands its dependents: nothing, its return value, the data of the {@code
 * ConversationState} it returns, or the value of the model call its {@code ModelRequest} asks for.
 *
 * @param kind how the step returns its output
 * @param type the output type: the return type, the state's {@code T}, the request's {@code R}
 *     ({@code Object} when it is raw or a wildcard, which validation reports), or {@code void}
 * @param nullness whether the output may be null: the return type's, or the {@code T}'s; always
 *     {@link Nullness#NULLABLE} for {@code void}, whose value, as a pipeline's output, is null
 */
public record StepOutput(Kind kind, TypeMirror type, Nullness nullness) {

  /** How a step returns its output. */
  public enum Kind {
    /** Returns {@code void}: its step orders others but cannot be read. */
    VOID,
    /** Returns its output directly. */
    VALUE,
    /** Returns {@code ConversationState<T>}; dependents receive the {@code T}. */
    CONVERSATION,
    /**
     * Returns {@code ModelRequest<R>}: the executor makes the call, and dependents receive the
     * model's {@code R}, never null.
     */
    MODEL_REQUEST
  }

  public boolean isVoid() {
    return kind == Kind.VOID;
  }

  /** Whether the output is declared nullable, or the step returns {@code void}. */
  public boolean isNullable() {
    return nullness.isNullable();
  }
}
