package dev.braid.processor.model;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Finds step signatures that mention a type javac could not resolve yet, typically one another
 * processor generates in this round. Such a pipeline is processed in a later round, when the type
 * exists, rather than judged on an error type.
 */
public final class UnresolvedTypes {
  private UnresolvedTypes() {}

  /** Whether a {@code @Step} method of {@code pipeline} mentions an unresolved type. */
  public static boolean inSteps(TypeElement pipeline) {
    for (ExecutableElement method : ElementFilter.methodsIn(pipeline.getEnclosedElements())) {
      if (AnnotationReader.find(method, BraidNames.STEP) == null) {
        continue;
      }
      if (mentionsError(method.getReturnType())) {
        return true;
      }
      for (VariableElement parameter : method.getParameters()) {
        if (mentionsError(parameter.asType())) {
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
