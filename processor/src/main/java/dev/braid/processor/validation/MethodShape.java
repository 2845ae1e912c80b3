package dev.braid.processor.validation;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The rules every method the generated executor calls must follow — a step, a condition method, a
 * route method — each with its one wording, so that the three signature rules cannot drift apart.
 * {@code subject} opens each message, such as {@code "[Braid/StepSignature] @Step draft of
 * TicketPipeline"}.
 */
final class MethodShape {
  private MethodShape() {}

  /** A private method, which generated code in the same package still cannot call. */
  static void notPrivate(ExecutableElement method, String subject, List<Finding> findings) {
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      findings.add(Finding.on(method, subject + " is private, so the generated executor cannot "
          + "call it; make it package-private or public."));
    }
  }

  /** An abstract method, which has no code to run. */
  static void notAbstract(ExecutableElement method, String subject, List<Finding> findings) {
    if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      findings.add(Finding.on(method, subject + " is abstract, so it has no code to run; give "
          + "it a body."));
    }
  }

  /** A generic method, whose type arguments nothing could choose. */
  static void notGeneric(ExecutableElement method, String subject, List<Finding> findings) {
    if (!method.getTypeParameters().isEmpty()) {
      findings.add(Finding.on(method, subject + " declares type parameters, which Braid cannot "
          + "choose; use concrete types instead."));
    }
  }

  /**
   * A checked throwable in the {@code throws} clause that is not an {@code Exception}, such as
   * {@code Throwable} itself, which the generated code, declared {@code throws Exception} like the
   * runtime's interfaces it implements, cannot pass on.
   */
  static void throwsOnlyExceptions(
      ExecutableElement method, String subject, List<Finding> findings) {
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!isExceptionOrError(thrown)) {
        String name = TypeFormatter.format(thrown);
        findings.add(Finding.on(method, subject + " throws " + name + ", a checked throwable "
            + "that is not an Exception, which the generated executor cannot pass on; throw an "
            + "Exception instead, wrapping the " + name + " if need be."));
      }
    }
  }

  /**
   * Whether {@code thrown} is an {@code Exception} or an {@code Error}; true too when its class
   * cannot be resolved, which javac reports itself.
   */
  private static boolean isExceptionOrError(TypeMirror thrown) {
    TypeMirror type = thrown;
    if (type instanceof TypeVariable variable) {
      type = variable.getUpperBound();
    }
    if (type instanceof IntersectionType intersection) {
      type = intersection.getBounds().getFirst();
    }
    while (type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element) {
      switch (element.getQualifiedName().toString()) {
        case "java.lang.Exception", "java.lang.Error" -> {
          return true;
        }
        case "java.lang.Throwable" -> {
          return false;
        }
        default -> type = element.getSuperclass();
      }
    }
    return true;
  }
}
