package dev.braid.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.braid.processor.model.DependencyForm;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the private method that every run method shares: given one run's inputs, it returns one
 * {@code StepBody} lambda per step, in plan order, each reading its dependencies with {@code
 * outputs.<T>get(i)}, {@code optional(i)} or {@code outcome(i)} so that the compiler checks every
 * type and no cast is needed. The array is flat, one element per step, however large the pipeline.
 */
final class StepBodies {
  static final String METHOD = "stepBodies";

  private final ExecutorSignature signature;
  private final PipelineModel pipeline;

  StepBodies(ExecutorSignature signature) {
    this.signature = signature;
    this.pipeline = signature.pipeline();
  }

  /** {@code stepBodies(ticket, customerId)}: the call that run methods pass to the engine. */
  CodeBlock call() {
    return CodeBlock.of("$L($L)", METHOD, signature.inputArguments());
  }

  MethodSpec spec() {
    List<StepModel> steps = pipeline.steps();
    CodeBlock.Builder body = CodeBlock.builder()
        .add("return new $T[] {\n$>$>", RuntimeTypes.STEP_BODY);
    for (StepModel step : steps) {
      body.add(stepBody(step)).add(step.index() < steps.size() - 1 ? ",\n" : "\n");
    }
    body.add("$<$<};\n");
    return MethodSpec.methodBuilder(METHOD)
        .addJavadoc("The code of each step for one run with these inputs, in plan order.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(ArrayTypeName.of(RuntimeTypes.STEP_BODY))
        .addParameters(signature.inputParameters())
        .addCode(body.build())
        .build();
  }

  /** The lambda that runs one step: reads its arguments and calls the step method. */
  private CodeBlock stepBody(StepModel step) {
    CodeBlock call = CodeBlock.of("$L.$L($L)",
        signature.pipelineField(),
        step.method().getSimpleName(),
        step.parameters().stream().map(this::argument).collect(CodeBlock.joining(",$W")));
    String outputs = signature.outputs();
    String context = signature.context();
    return step.output().isVoid()
        ? CodeBlock.of("($L, $L) -> { $L; return null; }", outputs, context, call)
        : CodeBlock.of("($L, $L) -> $L", outputs, context, call);
  }

  private CodeBlock argument(ParameterModel parameter) {
    return switch (parameter.binding()) {
      case ParameterBinding.Input input -> CodeBlock.of("$L", signature.identifier(input.name()));
      case ParameterBinding.Context _ -> CodeBlock.of("$L", signature.context());
      case ParameterBinding.Dependency dependency -> read(parameter, dependency);
      case ParameterBinding.Unbound _ -> throw new IllegalStateException(
          "Unbound parameter " + parameter.name() + " reached code generation");
    };
  }

  /**
   * Reads a dependency's output as {@code T}: the step's boxed output type, or for a wrapper
   * parameter such as {@code Optional<X>}, its written argument {@code X}, which validation has
   * checked the output is assignable to.
   */
  private CodeBlock read(ParameterModel parameter, ParameterBinding.Dependency dependency) {
    int source = pipeline.graph().indexOf(dependency.stepName());
    StepModel step = pipeline.steps().get(source);
    DependencyForm form = DependencyForm.of(parameter.type(), step.output());
    TypeName type = form.argument() == null
        ? TypeName.get(step.output().type()).box()
        : TypeName.get(form.argument());
    String method = switch (form.kind()) {
      case VALUE -> "get";
      case OPTIONAL -> "optional";
      case OUTCOME -> "outcome";
    };
    return CodeBlock.of("$L.<$T>$L($L)", signature.outputs(), type, method, source);
  }
}
