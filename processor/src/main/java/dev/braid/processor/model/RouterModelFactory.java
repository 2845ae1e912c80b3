package dev.braid.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code @Router} class into a {@link RouterModel}, and each route that is a {@code
 * @Pipeline} class into its {@link PipelineModel}, whether that class is compiled now or comes
 * from the class path. Like {@link PipelineModelFactory}, it judges nothing.
 */
public final class RouterModelFactory {
  private final Elements elements;
  private final PipelineModelFactory pipelines;

  public RouterModelFactory(Elements elements) {
    this.elements = elements;
    this.pipelines = new PipelineModelFactory(elements);
  }

  /** Whether {@code element} carries {@code @Router}. */
  public static boolean isRouter(Element element) {
    return AnnotationReader.find(element, BraidNames.ROUTER) != null;
  }

  /**
   * Reads {@code type}, which must carry {@code @Router}.
   *
   * @throws IllegalArgumentException if it does not
   */
  public RouterModel create(TypeElement type) {
    AnnotationMirror annotation = AnnotationReader.find(type, BraidNames.ROUTER);
    if (annotation == null) {
      throw new IllegalArgumentException(type + " is not annotated @" + BraidNames.ROUTER);
    }
    AnnotationReader router = new AnnotationReader(elements, annotation);
    String name = router.string("name", "").value();
    List<RouteTarget> routes = new ArrayList<>();
    for (AnnotationValue value : router.typeEntries("routes")) {
      routes.add(target(value));
    }
    AnnotationValue fallback = router.written("fallback");
    List<RouteMethod> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (AnnotationReader.find(method, BraidNames.ROUTE) != null) {
        methods.add(new RouteMethod(method, method.getSimpleName().toString(),
            pipelines.parameters(method, null, Set.of())));
      }
    }
    return new RouterModel(
        type,
        annotation,
        name.isEmpty() ? type.getSimpleName().toString() : name,
        router.written("routes"),
        routes,
        fallback != null
                && fallback.getValue() instanceof TypeMirror fallbackType
                && fallbackType.getKind() != TypeKind.VOID
            ? target(fallback)
            : null,
        methods,
        router.string("deadline", ""),
        router.longValue("costBudget", -1),
        router.string("costBudgetDollars", ""),
        router.longValue("tokenBudget", -1));
  }

  private RouteTarget target(AnnotationValue value) {
    TypeMirror type = (TypeMirror) value.getValue();
    @Nullable PipelineModel pipeline = type instanceof DeclaredType declared
            && declared.asElement() instanceof TypeElement element
            && PipelineModelFactory.isPipeline(element)
        ? pipelines.create(element)
        : null;
    return new RouteTarget(type, value, pipeline);
  }
}
