package dev.braid.processor.validation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import org.jspecify.annotations.Nullable;

/**
 * One problem a rule found, and where it belongs: an element, optionally narrowed to one of its
 * annotations and to one value of that annotation, so that javac underlines exactly what to fix.
 *
 * @param severity whether it is an error, which stops generation, or a warning, which does not
 * @param message the full message, starting with its stable id such as {@code [Braid/TypeMismatch]}
 * @param element the element at fault
 * @param annotation the annotation of {@code element} at fault, or null for the element itself
 * @param value the annotation value at fault, or null for the whole annotation
 */
public record Finding(
    Severity severity,
    String message,
    Element element,
    @Nullable AnnotationMirror annotation,
    @Nullable AnnotationValue value) {

  /** How bad a finding is. */
  public enum Severity {
    /** The pipeline cannot run as written; nothing is generated for it. */
    ERROR,
    /** The pipeline runs, but something in it does not do what it says. */
    WARNING
  }

  /** Whether this finding stops generation. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  static Finding on(Element element, String message) {
    return new Finding(Severity.ERROR, message, element, null, null);
  }

  static Finding on(Element element, AnnotationMirror annotation, String message) {
    return new Finding(Severity.ERROR, message, element, annotation, null);
  }

  /** On {@code value} when the user wrote it, else on the annotation as a whole. */
  static Finding on(
      Element element, AnnotationMirror annotation, @Nullable AnnotationValue value,
      String message) {
    return new Finding(Severity.ERROR, message, element, annotation, value);
  }

  static Finding warning(Element element, String message) {
    return new Finding(Severity.WARNING, message, element, null, null);
  }

  /** A warning on {@code value} when the user wrote it, else on the annotation as a whole. */
  static Finding warning(
      Element element, AnnotationMirror annotation, @Nullable AnnotationValue value,
      String message) {
    return new Finding(Severity.WARNING, message, element, annotation, value);
  }
}
