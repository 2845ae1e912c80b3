package dev.braid.processor.validation;

import dev.braid.processor.model.BoundMethod;
import dev.braid.processor.model.ExceptionClass;
import dev.braid.processor.model.OutputSelection;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModel.DependencyRead;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.TypeParts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Types the generated executor must write down (pipeline inputs, outputs that other steps read, the
 * pipeline's output, every output of a durable pipeline, which it stores, the {@code X} of a
 * parameter {@code Optional<X>} or {@code StepOutcome<X>}, and the classes of {@code retryOn} and
 * {@code abortOn}) must not be private, or the error would surface inside generated code rather
 * than on the step. Reported under the step-signature id (the condition-signature id for a
 * condition method's parameter), since the signature is what to fix, or the retry-policy id for a
 * class of the retry policy.
 */
final class PrivateTypeValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    Set<String> namedOutputs = new HashSet<>();
    if (OutputSelection.of(pipeline) instanceof OutputSelection.Selected selected) {
      namedOutputs.add(pipeline.graph().name(selected.step()));
    }
    List<Finding> findings = new ArrayList<>();
    for (BoundMethod reader : pipeline.boundMethods()) {
      for (ParameterModel parameter : reader.parameters()) {
        switch (parameter.binding()) {
          case ParameterBinding.Dependency dependency -> namedOutputs.add(dependency.stepName());
          case ParameterBinding.Input input -> privateType(parameter.type()).ifPresent(hidden ->
              findings.add(Finding.on(parameter.element(), signatureId(reader)
                  + Prose.parameter(reader, parameter) + " has type "
                  + TypeFormatter.format(parameter.type()) + ", but " + problem(hidden))));
          default -> {}
        }
      }
    }
    for (DependencyRead read : pipeline.dependencyReads()) {
      TypeMirror argument = read.form().argument();
      // A private output type is reported once, on its step, below.
      if (argument != null && !read.source().output().isVoid()
          && !privateType(argument).equals(privateType(read.source().output().type()))) {
        privateType(argument).ifPresent(hidden -> findings.add(Finding.on(
            read.parameter().element(), signatureId(read.reader())
                + Prose.parameter(read.reader(), read.parameter()) + " has type "
                + TypeFormatter.format(read.parameter().type()) + ", but " + problem(hidden))));
      }
    }
    for (StepModel step : pipeline.steps()) {
      exceptionClasses(findings, step, "retryOn", step.retryOn());
      exceptionClasses(findings, step, "abortOn", step.abortOn());
    }
    for (StepModel step : pipeline.steps()) {
      if ((pipeline.isDurable() || namedOutputs.contains(step.name()))
          && !step.output().isVoid()) {
        TypeMirror returned = step.method().getReturnType();
        privateType(step.output().type()).ifPresent(hidden ->
            findings.add(Finding.on(step.method(), "[Braid/StepSignature] " + Prose.step(step)
                + " of " + pipeline.className() + " returns " + TypeFormatter.format(returned)
                + ", but " + problem(hidden))));
      }
    }
    return findings;
  }

  private static void exceptionClasses(
      List<Finding> findings, StepModel step, String attribute, List<ExceptionClass> classes) {
    for (ExceptionClass type : classes) {
      privateType(type.type()).ifPresent(hidden -> findings.add(Finding.on(step.method(),
          step.annotation(), type.written(), "[Braid/RetryPolicy] " + Prose.step(step) + " names "
              + TypeFormatter.format(type.type()) + " in " + attribute + ", but "
              + problem(hidden))));
    }
  }

  /** The id under which a parameter's type is reported: its method's signature is what to fix. */
  private static String signatureId(BoundMethod method) {
    return method instanceof StepModel ? "[Braid/StepSignature] " : "[Braid/ConditionSignature] ";
  }

  /** Why {@code hidden} is a problem, and the fix; route methods' rules say it the same way. */
  static String problem(TypeElement hidden) {
    String name = TypeFormatter.format(hidden.asType()).replaceAll("<.*", "");
    return name + " is private, so the generated executor cannot name it; make " + name
        + " package-private or public.";
  }

  /** The first private class {@code root} mentions, itself or in a type argument. */
  static Optional<TypeElement> privateType(TypeMirror root) {
    for (TypeMirror part : TypeParts.of(root)) {
      if (part instanceof DeclaredType declared) {
        for (Element element = declared.asElement();
            element instanceof TypeElement typeElement;
            element = typeElement.getEnclosingElement()) {
          if (typeElement.getModifiers().contains(Modifier.PRIVATE)) {
            return Optional.of(typeElement);
          }
        }
      }
    }
    return Optional.empty();
  }
}
