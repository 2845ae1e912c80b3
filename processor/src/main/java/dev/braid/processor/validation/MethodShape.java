package dev.braid.processor.validation;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

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
}
