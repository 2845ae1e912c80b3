package dev.braid.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * One distinct pipeline input, as it first appears in the class: one parameter of the generated
 * {@code execute(...)}.
 *
 * @param name the input's name
 * @param type the type of its first parameter; others must agree
 * @param nullness {@link Nullness#NULLABLE} when every parameter that reads the input is nullable,
 *     so that callers may pass null; else {@link Nullness#NON_NULL} when one is declared non-null,
 *     else {@link Nullness#UNKNOWN}
 * @param firstReader the step or condition method whose parameter declared it first
 * @param firstParameter that parameter
 */
public record PipelineInput(
    String name,
    TypeMirror type,
    Nullness nullness,
    BoundMethod firstReader,
    ParameterModel firstParameter) {

  public boolean isNullable() {
    return nullness.isNullable();
  }
}
