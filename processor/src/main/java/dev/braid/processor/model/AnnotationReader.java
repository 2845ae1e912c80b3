package dev.braid.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Reads one annotation's attributes through its mirror. An attribute javac could not evaluate (say,
 * a constant that does not compile) reads as {@code fallback}: javac reports that error itself.
 */
final class AnnotationReader {
  private final Map<String, AnnotationValue> written = new HashMap<>();
  private final Map<String, AnnotationValue> withDefaults = new HashMap<>();

  AnnotationReader(Elements elements, AnnotationMirror annotation) {
    annotation.getElementValues().forEach((attribute, value) -> written.put(name(attribute), value));
    elements.getElementValuesWithDefaults(annotation)
        .forEach((attribute, value) -> withDefaults.put(name(attribute), value));
  }

  /** The annotation of type {@code qualifiedName} on {@code element}, or null. */
  static @Nullable AnnotationMirror find(Element element, String qualifiedName) {
    return AnnotationMirrors.find(element, qualifiedName).orElse(null);
  }

  Attribute<String> string(String attribute, String fallback) {
    return new Attribute<>(
        value(attribute) instanceof String value ? value : fallback, written.get(attribute));
  }

  Attribute<Integer> integer(String attribute, int fallback) {
    return new Attribute<>(
        value(attribute) instanceof Integer value ? value : fallback, written.get(attribute));
  }

  /**
   * A {@code long} attribute. A value javac could not evaluate counts as not written, so that no
   * rule judges the fallback as if the user had written it.
   */
  Attribute<Long> longValue(String attribute, long fallback) {
    AnnotationValue written = this.written.get(attribute);
    return written != null && written.getValue() instanceof Long value
        ? new Attribute<>(value, written)
        : new Attribute<>(fallback, null);
  }

  Attribute<Boolean> bool(String attribute, boolean fallback) {
    return new Attribute<>(
        value(attribute) instanceof Boolean value ? value : fallback, written.get(attribute));
  }

  /** The entries of a written {@code String[]} attribute, each with its own source value. */
  List<DependencyName> strings(String attribute) {
    List<DependencyName> entries = new ArrayList<>();
    for (AnnotationValue value : entries(attribute)) {
      if (value.getValue() instanceof String text) {
        entries.add(new DependencyName(text, value));
      }
    }
    return entries;
  }

  /**
   * The entries of a written {@code Class[]} attribute that javac resolved, each with its own
   * source value; an unresolved class is javac's to report.
   */
  List<ExceptionClass> classes(String attribute) {
    List<ExceptionClass> entries = new ArrayList<>();
    for (AnnotationValue value : entries(attribute)) {
      if (value.getValue() instanceof DeclaredType type && type.getKind() == TypeKind.DECLARED) {
        entries.add(new ExceptionClass(type, value));
      }
    }
    return entries;
  }

  /**
   * The entries of a written {@code Class[]} attribute that javac resolved to a type, of any kind
   * (a class, a primitive, an array), each an annotation value holding a {@code TypeMirror}.
   */
  List<AnnotationValue> typeEntries(String attribute) {
    List<AnnotationValue> entries = new ArrayList<>();
    for (AnnotationValue value : entries(attribute)) {
      if (value.getValue() instanceof TypeMirror) {
        entries.add(value);
      }
    }
    return entries;
  }

  /** The attribute's value as written, or null when the default applies. */
  @Nullable AnnotationValue written(String attribute) {
    return written.get(attribute);
  }

  /** The entries of a written array attribute; empty when it was not written. */
  private List<AnnotationValue> entries(String attribute) {
    List<AnnotationValue> entries = new ArrayList<>();
    AnnotationValue written = this.written.get(attribute);
    if (written != null && written.getValue() instanceof List<?> list) {
      for (Object entry : list) {
        if (entry instanceof AnnotationValue value) {
          entries.add(value);
        }
      }
    }
    return entries;
  }

  private @Nullable Object value(String attribute) {
    AnnotationValue value = withDefaults.get(attribute);
    return value == null ? null : value.getValue();
  }

  private static String name(ExecutableElement attribute) {
    return attribute.getSimpleName().toString();
  }
}
