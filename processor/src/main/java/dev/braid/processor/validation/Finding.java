package dev.braid.processor.validation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import org.jspecify.annotations.Nullable;

/**
 * One error a rule found, and where it belongs: an element, optionally narrowed to one of its
 * annotations and to one value of that annotation, so that javac underlines exactly what to fix.
 *
 * @param message the full message, starting with its stable id such as {@code [Braid/TypeMismatch]}
 * @param element the element at fault
 * @param annotation the annotation of {@code element} at fault, or null for the element itself
 * @param value the annotation value at fault, or null for the whole annotation
 */
public record Finding(
    String message,
    Element element,
    @Nullable AnnotationMirror annotation,
    @Nullable AnnotationValue value) {

  static Finding on(Element element, String message) {
    return new Finding(message, element, null, null);
  }

  static Finding on(Element element, AnnotationMirror annotation, String message) {
    return new Finding(message, element, annotation, null);
  }

  /** On {@code value} when the user wrote it, else on the annotation as a whole. */
  static Finding on(
      Element element, AnnotationMirror annotation, @Nullable AnnotationValue value,
      String message) {
    return new Finding(message, element, annotation, value);
  }
}
