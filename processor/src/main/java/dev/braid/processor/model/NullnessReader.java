package dev.braid.processor.model;

import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link Nullness} of a return type, a parameter or a type argument from its
 * annotations. Annotations count by simple name, so that JSpecify's, JetBrains' (which Kotlin's
 * stubs carry), Jakarta's, JSR-305's and Android's all work without being on the processor's class
 * path. A declaration annotation and a type-use annotation on the outermost type count alike; one
 * on an array's component type describes the components, not the array.
 */
final class NullnessReader {
  private static final String NULLABLE = "Nullable";
  private static final Set<String> NON_NULL = Set.of("NonNull", "NotNull", "Nonnull");
  /** Make unannotated types non-null in the code they annotate: JSpecify's and JetBrains'. */
  private static final Set<String> MARKED = Set.of("NullMarked", "NotNullByDefault");
  private static final String UNMARKED = "NullUnmarked";

  private NullnessReader() {}

  /** Whether {@code method} may return null. */
  static Nullness ofReturn(ExecutableElement method) {
    return of(method, method.getReturnType());
  }

  static Nullness ofParameter(VariableElement parameter) {
    return of(parameter, parameter.asType());
  }

  /**
   * Whether {@code argument}, a type argument in the signature of {@code method} such as the
   * {@code T} of {@code ConversationState<T>}, may be null; only a type-use annotation can say so.
   */
  static Nullness ofTypeArgument(ExecutableElement method, TypeMirror argument) {
    if (argument.getKind().isPrimitive()) {
      return Nullness.NON_NULL;
    }
    Nullness written = written(argument.getAnnotationMirrors());
    return written != Nullness.UNKNOWN ? written : scope(method);
  }

  private static Nullness of(Element element, TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return Nullness.NON_NULL;
    }
    Nullness declared = written(element.getAnnotationMirrors());
    Nullness onType = written(type.getAnnotationMirrors());
    if (declared == Nullness.NULLABLE || onType == Nullness.NULLABLE) {
      return Nullness.NULLABLE;
    }
    if (declared == Nullness.NON_NULL || onType == Nullness.NON_NULL) {
      return Nullness.NON_NULL;
    }
    return scope(element);
  }

  /** What {@code annotations} say; {@code @Nullable} wins over a contradicting non-null one. */
  private static Nullness written(List<? extends AnnotationMirror> annotations) {
    Nullness nullness = Nullness.UNKNOWN;
    for (AnnotationMirror annotation : annotations) {
      String name = simpleName(annotation);
      if (name.equals(NULLABLE)) {
        return Nullness.NULLABLE;
      }
      if (NON_NULL.contains(name)) {
        nullness = Nullness.NON_NULL;
      }
    }
    return nullness;
  }

  /**
   * {@link Nullness#NON_NULL} inside {@code @NullMarked} code, the innermost marking or unmarking
   * of {@code element} and its enclosing elements winning; {@link Nullness#UNKNOWN} elsewhere.
   */
  private static Nullness scope(Element element) {
    for (@Nullable Element scope = element; scope != null; scope = scope.getEnclosingElement()) {
      for (AnnotationMirror annotation : scope.getAnnotationMirrors()) {
        String name = simpleName(annotation);
        if (name.equals(UNMARKED)) {
          return Nullness.UNKNOWN;
        }
        if (MARKED.contains(name)) {
          return Nullness.NON_NULL;
        }
      }
    }
    return Nullness.UNKNOWN;
  }

  private static String simpleName(AnnotationMirror annotation) {
    return annotation.getAnnotationType().asElement().getSimpleName().toString();
  }
}
