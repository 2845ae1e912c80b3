package dev.braid.processor.model;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds annotations by qualified name, the only way the processor looks at them: it never loads
 * the annotation classes, which need not be on its own class path.
 */
public final class AnnotationMirrors {
  private AnnotationMirrors() {}

  /** The annotation of type {@code qualifiedName} on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      if (annotation.getAnnotationType().asElement() instanceof TypeElement type
          && type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(annotation);
      }
    }
    return Optional.empty();
  }
}
