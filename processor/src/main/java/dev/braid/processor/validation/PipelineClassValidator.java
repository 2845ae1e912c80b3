package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * A pipeline class must be one that the executor generated beside it can name, and that an
 * application or a dependency-injection container can create: a concrete, non-generic, accessible
 * top-level or static nested class with a constructor that is not private.
 */
final class PipelineClassValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    TypeElement type = pipeline.type();
    String subject = "[Braid/PipelineClass] " + Prose.pipeline(pipeline);
    List<Finding> findings = new ArrayList<>();
    ElementKind kind = type.getKind();
    if (kind != ElementKind.CLASS && kind != ElementKind.RECORD) {
      findings.add(Finding.on(type, subject + " is " + article(kind)
          + "; declare the pipeline as a class."));
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
      findings.add(Finding.on(type, subject + " declares type parameters, but step types must "
          + "be known at compile time; remove them."));
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
      default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
