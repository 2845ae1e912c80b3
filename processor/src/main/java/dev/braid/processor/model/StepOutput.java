package dev.braid.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * What a step hands its dependents: nothing, its return value, or the data of the {@code
 * ConversationState} it returns.
 *
 * @param kind how the step returns its output
 * @param type the output type: the return type, the state's {@code T}, or {@code void}
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
    CONVERSATION
  }

  public boolean isVoid() {
    return kind == Kind.VOID;
  }

  /** Whether the output is declared nullable, or the step returns {@code void}. */
  public boolean isNullable() {
    return nullness.isNullable();
  }
}
