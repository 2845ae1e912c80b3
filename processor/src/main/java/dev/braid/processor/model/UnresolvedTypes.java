package dev.braid.processor.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Finds steps that mention a type javac could not resolve yet, typically one another processor
 * generates in this round: in their signature or their condition method's, or as a {@code
 * retryOn} or {@code abortOn} class; and routers whose route method or routes do.
 * Such a pipeline or router is processed in a later round, when the type exists, rather than
 * judged on an error type or generated without the class.
 */
public final class UnresolvedTypes {
  private UnresolvedTypes() {}

  /**
   * Whether a {@code @Step} method of {@code pipeline}, or a method a step's {@code when} names,
   * mentions an unresolved type.
   */
  public static boolean inSteps(TypeElement pipeline) {
    List<ExecutableElement> methods = ElementFilter.methodsIn(pipeline.getEnclosedElements());
    Set<String> conditions = new HashSet<>();
    for (ExecutableElement method : methods) {
      AnnotationMirror step = AnnotationReader.find(method, BraidNames.STEP);
      if (step == null) {
        continue;
      }
      if (inSignature(method) || inExceptionClasses(step)) {
        return true;
      }
      step.getElementValues().forEach((attribute, value) -> {
        if (attribute.getSimpleName().contentEquals("when")
            && value.getValue() instanceof String name) {
          conditions.add(name);
        }
      });
    }
    for (ExecutableElement method : methods) {
      if (conditions.contains(method.getSimpleName().toString()) && inSignature(method)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a {@code @Route} method of {@code router} mentions an unresolved type, a class its
   * {@code routes} or {@code fallback} names is unresolved, or a route is a pipeline whose steps
   * mention one: its executor, which the router's runs, is then not generated yet either.
   */
  public static boolean inRouter(TypeElement router) {
    for (ExecutableElement method : ElementFilter.methodsIn(router.getEnclosedElements())) {
      if (AnnotationReader.find(method, BraidNames.ROUTE) != null && inSignature(method)) {
        return true;
      }
    }
    AnnotationMirror annotation = AnnotationReader.find(router, BraidNames.ROUTER);
    if (annotation == null) {
      return false;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> attribute
        : annotation.getElementValues().entrySet()) {
      String name = attribute.getKey().getSimpleName().toString();
      Object value = attribute.getValue().getValue();
      if (name.equals("fallback") && !(value instanceof TypeMirror type && !mentionsError(type))) {
        return true;
      }
      if (name.equals("routes")) {
        if (!(value instanceof List<?> entries)) {
          return true;
        }
        for (Object entry : entries) {
          if (!(entry instanceof AnnotationValue literal
              && literal.getValue() instanceof TypeMirror type
              && !mentionsError(type))) {
            return true;
          }
          if (type instanceof DeclaredType declared
              && declared.asElement() instanceof TypeElement route
              && PipelineModelFactory.isPipeline(route)
              && inSteps(route)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean inSignature(ExecutableElement method) {
    if (mentionsError(method.getReturnType())) {
      return true;
    }
    for (VariableElement parameter : method.getParameters()) {
      if (mentionsError(parameter.asType())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code retryOn} or {@code abortOn} names an unresolved class. Javac represents such a
   * class literal as an error value rather than a type, so anything but a resolved type counts.
   */
  private static boolean inExceptionClasses(AnnotationMirror step) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> attribute
        : step.getElementValues().entrySet()) {
      String name = attribute.getKey().getSimpleName().toString();
      if (!name.equals("retryOn") && !name.equals("abortOn")) {
        continue;
      }
      if (!(attribute.getValue().getValue() instanceof List<?> entries)) {
        return true;
      }
      for (Object entry : entries) {
        if (!(entry instanceof AnnotationValue value
            && value.getValue() instanceof TypeMirror type
            && !mentionsError(type))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mentionsError(TypeMirror type) {
    return TypeParts.of(type).stream().anyMatch(part -> part.getKind() == TypeKind.ERROR);
  }
}
