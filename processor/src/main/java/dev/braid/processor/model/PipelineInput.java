package dev.braid.processor.model;

import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
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

  /**
   * Whether the input is declared {@code Optional<T>}: callers may leave it out, and the steps then
   * read {@code Optional.empty()}.
   */
  public boolean isOptional() {
    return isOptional(type);
  }

  /** Whether {@code type} is {@code Optional<T>} with its type argument. */
  public static boolean isOptional(TypeMirror type) {
    return type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element
        && element.getQualifiedName().contentEquals(BraidNames.OPTIONAL)
        && !declared.getTypeArguments().isEmpty();
  }
}
