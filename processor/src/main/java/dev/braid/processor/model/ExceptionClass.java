package dev.braid.processor.model;

import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * One entry of {@code @Step(retryOn = ...)} or {@code abortOn}, with the array element it came
 * from so that a diagnostic points at that exact class literal.
 *
 * @param type the class, always a {@code Throwable} since javac checks the attribute's type
 * @param written the class literal as written
 */
public record ExceptionClass(DeclaredType type, AnnotationValue written) {

  public TypeElement element() {
    return (TypeElement) type.asElement();
  }

  public String qualifiedName() {
    return element().getQualifiedName().toString();
  }
}
