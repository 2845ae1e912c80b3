package dev.braid.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The annotations of an executor, each only if the user's class path has it, so that generated
 * code compiles in any setup: {@code @Generated} for tools, {@code @Singleton} and {@code @Inject}
 * for dependency injection, {@code @NullMarked} for nullness checkers.
 */
final class ExecutorAnnotations {
  private final Elements elements;

  ExecutorAnnotations(Elements elements) {
    this.elements = elements;
  }

  /** The annotations of the executor of {@code origin}, a pipeline or router class. */
  List<AnnotationSpec> type(TypeElement origin) {
    List<AnnotationSpec> annotations = new ArrayList<>();
    if (available(RuntimeTypes.GENERATED)) {
      annotations.add(AnnotationSpec.builder(RuntimeTypes.GENERATED)
          .addMember("value", "$S", "dev.braid.processor.BraidProcessor")
          .addMember("comments", "$S",
              "Executor of " + origin.getQualifiedName() + "; do not edit")
          .build());
    }
    ifAvailable(RuntimeTypes.SINGLETON).ifPresent(annotations::add);
    ifAvailable(RuntimeTypes.NULL_MARKED).ifPresent(annotations::add);
    return annotations;
  }

  /** {@code @Nullable}, for the types in generated code whose values may be null. */
  Optional<AnnotationSpec> nullable() {
    return ifAvailable(RuntimeTypes.NULLABLE);
  }

  Optional<AnnotationSpec> constructor() {
    return ifAvailable(RuntimeTypes.INJECT);
  }

  private Optional<AnnotationSpec> ifAvailable(ClassName annotation) {
    return available(annotation)
        ? Optional.of(AnnotationSpec.builder(annotation).build())
        : Optional.empty();
  }

  private boolean available(ClassName type) {
    return elements.getTypeElement(type.canonicalName()) != null;
  }
}
