package dev.braid.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The shape a class must have for a generated executor beside it to name it and for an application
 * or a dependency-injection container to create it: a concrete, non-generic, accessible top-level
 * or static nested class with a constructor that is not private. Pipelines and routers share it.
 */
final class ClassShape {
  private ClassShape() {}

  /**
   * The findings on {@code type}.
   *
   * @param subject how messages start, such as {@code [Braid/PipelineClass] @Pipeline X}
   * @param noun what the class declares, such as {@code pipeline}
   * @param typesKnown why type parameters are wrong, such as {@code step types}
   */
  static List<Finding> check(TypeElement type, String subject, String noun, String typesKnown) {
    List<Finding> findings = new ArrayList<>();
    ElementKind kind = type.getKind();
    if (kind != ElementKind.CLASS && kind != ElementKind.RECORD) {
      findings.add(Finding.on(type, subject + " is " + article(kind) + "; declare the " + noun
          + " as a class."));
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      findings.add(Finding.on(type, subject + " is private, so the generated executor beside it "
          + "cannot use it; make it package-private or public."));
    }
    if (kind == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT)) {
      findings.add(Finding.on(type, subject + " is abstract, but its executor runs an instance "
          + "of exactly this class; make it concrete."));
    }
    if (kind == ElementKind.CLASS
        && type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)
        && type.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
      findings.add(Finding.on(type, subject + " is an inner class, which cannot be created "
          + "without an instance of " + type.getEnclosingElement().getSimpleName()
          + "; make it static."));
    }
    if (!type.getTypeParameters().isEmpty()) {
      findings.add(Finding.on(type, subject + " declares type parameters, but " + typesKnown
          + " must be known at compile time; remove them."));
    }
    // A private class's implicit constructor is private too; that is reported once, above.
    if (kind == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.PRIVATE)
        && !hasUsableConstructor(type)) {
      findings.add(Finding.on(type, subject + " has only private constructors, so it cannot be "
          + "created; add a constructor that is not private."));
    }
    for (Element outer = type.getEnclosingElement();
        outer instanceof TypeElement enclosing;
        outer = enclosing.getEnclosingElement()) {
      if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
        findings.add(Finding.on(type, subject + " is nested in private class "
            + enclosing.getSimpleName() + ", so the generated executor cannot use it; make "
            + enclosing.getSimpleName() + " package-private or public."));
      }
    }
    return findings;
  }

  private static boolean hasUsableConstructor(TypeElement type) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private static String article(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation interface";
      default -> "a " + kind.name().toLowerCase(Locale.ROOT);
    };
  }
}
