package dev.braid.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.braid.processor.model.PipelineInput;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes, for a pipeline with {@code Optional<T>} inputs, one overload of each method that takes
 * every input ({@code execute}, {@code executeAsync}, {@code resume}, {@code stream}, {@code
 * submit}, with and without options) that leaves the optional inputs out and passes {@code
 * Optional.empty()} for them. One overload per method rather than one per subset of optional
 * inputs: the count stays linear, and a caller who passes some passes all, as {@code
 * Optional.empty()} or a value.
 */
final class OmittedInputs {
  private final ExecutorSignature signature;
  private final MethodJavadoc javadoc;
  private final Set<String> omitted;
  private final Set<ParameterSpec> omittedParameters;

  OmittedInputs(ExecutorSignature signature) {
    this.signature = signature;
    this.javadoc = new MethodJavadoc(signature);
    this.omitted = signature.optionalInputs().stream()
        .map(input -> signature.identifier(input.name()))
        .collect(Collectors.toUnmodifiableSet());
    this.omittedParameters = signature.inputParameters().stream()
        .filter(parameter -> omitted.contains(parameter.name()))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The overloads of those of {@code methods} that take the optional inputs. */
  List<MethodSpec> overloads(List<MethodSpec> methods) {
    if (omitted.isEmpty()) {
      return List.of();
    }
    return methods.stream().filter(this::takesEveryOptionalInput).map(this::overload).toList();
  }

  /** Whether {@code method} has the parameters of the optional inputs, by name and type. */
  private boolean takesEveryOptionalInput(MethodSpec method) {
    return method.parameters().containsAll(omittedParameters);
  }

  private MethodSpec overload(MethodSpec full) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(full.name())
        .addJavadoc(doc(full))
        .addModifiers(full.modifiers())
        .addTypeVariables(full.typeVariables())
        .returns(full.returnType())
        .addExceptions(full.exceptions());
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (ParameterSpec parameter : full.parameters()) {
      if (!arguments.isEmpty()) {
        arguments.add(",$W");
      }
      if (omitted.contains(parameter.name())) {
        arguments.add("$T.empty()", RuntimeTypes.OPTIONAL);
      } else {
        method.addParameter(parameter);
        arguments.add("$L", parameter.name());
      }
    }
    CodeBlock call = CodeBlock.of("$L($L)", full.name(), arguments.build());
    return full.returnType().equals(TypeName.VOID)
        ? method.addStatement(call).build()
        : method.addStatement("return $L", call).build();
  }

  private CodeBlock doc(MethodSpec full) {
    List<PipelineInput> optional = signature.optionalInputs();
    String names = optional.stream()
        .map(input -> "{@code " + signature.identifier(input.name()) + "}")
        .collect(Collectors.joining(", "));
    return CodeBlock.builder()
        .add("Like the {@code $L} that takes every input, leaving out the optional $L $L: the "
                + "steps that\nread $L get {@code Optional.empty()}.\n\n", full.name(),
            optional.size() == 1 ? "input" : "inputs", names,
            optional.size() == 1 ? "it" : "them")
        .add(javadoc.inputsExcept(omitted))
        .build();
  }
}
