package dev.braid.processor.validation;

import dev.braid.processor.model.BoundMethod;
import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * An input that callers may leave out is declared {@code Optional<T>}, and only that way: the
 * executor then has overloads without it, and the steps read {@code Optional.empty()}. So a raw
 * {@code Optional} (nothing says what callers pass), {@code OptionalInt} and its siblings (which
 * would look optional but could not be left out), and a {@code @Nullable Optional} (an omitted
 * input is empty, never null) are rejected on the parameter, each with the declaration to use.
 */
final class OptionalInputValidator implements Validator {
  private static final Map<String, String> PRIMITIVE_OPTIONALS = Map.of(
      "java.util.OptionalInt", "Optional<Integer>",
      "java.util.OptionalLong", "Optional<Long>",
      "java.util.OptionalDouble", "Optional<Double>");

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (BoundMethod method : pipeline.boundMethods()) {
      for (ParameterModel parameter : method.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Input(String input)) {
          message(method, parameter, input)
              .ifPresent(message -> findings.add(Finding.on(parameter.element(), message)));
        }
      }
    }
    return findings;
  }

  private static Optional<String> message(
      BoundMethod method, ParameterModel parameter, String input) {
    String subject = "[Braid/OptionalInput] Input " + input + " of " + Prose.method(method);
    String name = qualifiedName(parameter.type());
    if (name.equals(BraidNames.OPTIONAL)
        && ((DeclaredType) parameter.type()).getTypeArguments().isEmpty()) {
      return Optional.of(subject + " is a raw Optional; say what callers pass when they give it,"
          + " for example Optional<String>, so that the executor can let them leave it out.");
    }
    if (PRIMITIVE_OPTIONALS.containsKey(name)) {
      return Optional.of(subject + " is an "
          + name.substring(name.lastIndexOf('.') + 1) + ", which callers could not leave out;"
          + " declare it " + PRIMITIVE_OPTIONALS.get(name) + ", which they can.");
    }
    if (name.equals(BraidNames.OPTIONAL) && parameter.nullness().isNullable()) {
      return Optional.of(subject + " is a @Nullable Optional, but an input that callers leave"
          + " out is Optional.empty(), never null; remove @Nullable.");
    }
    return Optional.empty();
  }

  private static String qualifiedName(TypeMirror type) {
    return type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element
        ? element.getQualifiedName().toString() : "";
  }
}
