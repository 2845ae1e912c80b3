package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.braid.processor.model.PipelineInput;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code executeAll}, which runs the pipeline once per input with bounded concurrency, and,
 * for a pipeline of several inputs, the nested record {@code Inputs} that holds one run's inputs. A
 * pipeline without inputs gets neither: there is nothing to run it over.
 */
final class BatchMethods {
  private final ExecutorSignature signature;
  private final MethodJavadoc javadoc;

  BatchMethods(ExecutorSignature signature) {
    this.signature = signature;
    this.javadoc = new MethodJavadoc(signature);
  }

  /** Whether the executor has {@code executeAll}: only a pipeline with inputs does. */
  boolean applies() {
    return !signature.inputs().isEmpty();
  }

  List<MethodSpec> specs() {
    if (!applies()) {
      return List.of();
    }
    return List.of(executeAll(), executeAllStoppingOnFailure());
  }

  /** The record {@code Inputs}, for a pipeline of more than one input. */
  Optional<TypeSpec> inputsRecord() {
    if (signature.inputs().size() < 2) {
      return Optional.empty();
    }
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("The inputs of one run, for {@code executeAll}: one component per parameter of\n"
            + "{@code execute}, in the same order.\n\n")
        .add(javadoc.inputs());
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addParameters(signature.inputParameters());
    TypeSpec.Builder record = TypeSpec.recordBuilder(inputsType())
        .addJavadoc(doc.build())
        .addModifiers(Modifier.PUBLIC)
        .recordConstructor(constructor.build());
    withoutOptionalInputs().ifPresent(record::addMethod);
    return Optional.of(record.build());
  }

  /** A constructor of {@code Inputs} that leaves out the optional inputs, if there are any. */
  private Optional<MethodSpec> withoutOptionalInputs() {
    if (signature.optionalInputs().isEmpty()) {
      return Optional.empty();
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc("The inputs of one run that leaves out the optional inputs, which the steps "
            + "read as\n{@code Optional.empty()}.\n")
        .addModifiers(Modifier.PUBLIC);
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (PipelineInput input : signature.inputs()) {
      if (!arguments.isEmpty()) {
        arguments.add(",$W");
      }
      if (input.isOptional()) {
        arguments.add("$T.empty()", RuntimeTypes.OPTIONAL);
      } else {
        constructor.addParameter(signature.inputType(input), signature.identifier(input.name()));
        arguments.add("$L", signature.identifier(input.name()));
      }
    }
    return Optional.of(constructor.addStatement("this($L)", arguments.build()).build());
  }

  private MethodSpec executeAll() {
    return method(CodeBlock.of(""))
        .addStatement("return executeAll(inputs, maxInFlight, false)")
        .build();
  }

  private MethodSpec executeAllStoppingOnFailure() {
    return method(CodeBlock.of("@param stopOnFailure whether the first failed run cancels the "
            + "others and ends the batch\n"))
        .addParameter(TypeName.BOOLEAN, "stopOnFailure")
        .addStatement("return engine.executeAll(inputs, maxInFlight, stopOnFailure,$Winput -> $L)",
            runOne())
        .build();
  }

  private MethodSpec.Builder method(CodeBlock extraParameters) {
    TypeName input = inputType();
    return MethodSpec.methodBuilder("executeAll")
        .addJavadoc(CodeBlock.builder()
            .add("Runs the pipeline once per input, with at most {@code maxInFlight} runs in "
                + "progress at\nonce, and hands back each result as its run completes. A failed "
                + "run is reported in its\n{@link $T} and the others go on. Inputs are read "
                + "lazily; close the batch, as with\ntry-with-resources, to cancel the runs "
                + "still in progress.\n\n", RuntimeTypes.BATCH_RESULT)
            .add("@param inputs the inputs, one run each\n")
            .add("@param maxInFlight the most runs in progress, plus results not yet taken, at "
                + "once\n")
            .add(extraParameters)
            .add("@return the batch, to iterate once, from one thread\n")
            .add("@throws IllegalArgumentException if {@code maxInFlight} is below 1\n")
            .build())
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(
            RuntimeTypes.BATCH_RUN, input, signature.outputType()))
        .addParameter(ParameterizedTypeName.get(
            RuntimeTypes.ITERABLE, WildcardTypeName.subtypeOf(input)), "inputs")
        .addParameter(TypeName.INT, "maxInFlight");
  }

  /** {@code execute(input)}, or {@code execute(input.ticket(), input.customerId())}. */
  private CodeBlock runOne() {
    List<PipelineInput> inputs = signature.inputs();
    if (inputs.size() == 1) {
      return CodeBlock.of("execute(input)");
    }
    return CodeBlock.of("execute($L)", inputs.stream()
        .map(each -> CodeBlock.of("input.$L()", signature.identifier(each.name())))
        .collect(CodeBlock.joining(",$W")));
  }

  /**
   * The {@code I} of {@code BatchRun<I, O>}: the single input's boxed type, or the record. Never
   * {@code @Nullable}: each result holds its input, and a single input that may be null is still
   * passed one non-null value per run.
   */
  private TypeName inputType() {
    List<PipelineInput> inputs = signature.inputs();
    return inputs.size() == 1 ? TypeName.get(inputs.getFirst().type()).box() : inputsType();
  }

  private ClassName inputsType() {
    return signature.inputsType();
  }
}
