package dev.braid.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.braid.processor.model.OutputSelection;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code execute(...)}: one parameter per pipeline input and one {@code StepBody} lambda per
 * step, in plan order, each reading its dependencies with {@code outputs.<T>get(i)} so that the
 * compiler checks every type and no cast is needed. Identifiers derived from input names go through
 * a {@link NameAllocator}, so that any input name yields a legal, unique parameter, and the lambda
 * parameters and fields never clash with them.
 */
final class ExecuteMethod {
  private final PipelineModel pipeline;
  private final Map<String, String> inputIdentifiers = new LinkedHashMap<>();
  private final String outputs;
  private final String context;
  private final String pipelineField;
  private final String engineField;

  ExecuteMethod(PipelineModel pipeline) {
    this.pipeline = pipeline;
    NameAllocator names = new NameAllocator();
    for (PipelineInput input : pipeline.inputs()) {
      inputIdentifiers.put(input.name(), names.newName(input.name(), input.name()));
    }
    this.outputs = names.newName("outputs");
    this.context = names.newName("context");
    this.pipelineField = inputIdentifiers.containsValue("pipeline") ? "this.pipeline" : "pipeline";
    this.engineField = inputIdentifiers.containsValue("engine") ? "this.engine" : "engine";
  }

  /** The identifier of input {@code name} in {@code execute(...)}. */
  String identifier(String inputName) {
    return inputIdentifiers.get(inputName);
  }

  /** The {@code T} of the returned {@code PipelineResult<T>}: the output step's boxed type. */
  TypeName outputType() {
    if (!(OutputSelection.of(pipeline) instanceof OutputSelection.Selected selected)) {
      throw new IllegalStateException("No output step in " + pipeline.className());
    }
    StepOutput output = pipeline.steps().get(selected.step()).output();
    return output.isVoid() ? RuntimeTypes.VOID : TypeName.get(output.type()).box();
  }

  MethodSpec spec(CodeBlock javadoc) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("execute")
        .addJavadoc(javadoc)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(RuntimeTypes.PIPELINE_RESULT, outputType()));
    for (PipelineInput input : pipeline.inputs()) {
      method.addParameter(TypeName.get(input.type()), identifier(input.name()));
    }
    return method.addCode(body()).build();
  }

  private CodeBlock body() {
    CodeBlock.Builder code = CodeBlock.builder().add("return $L.execute(\n$>$>", engineField);
    List<StepModel> steps = pipeline.steps();
    for (StepModel step : steps) {
      code.add(stepBody(step)).add(step.index() < steps.size() - 1 ? ",\n" : ");\n");
    }
    return code.add("$<$<").build();
  }

  /** The lambda that runs one step: reads its arguments and calls the step method. */
  CodeBlock stepBody(StepModel step) {
    CodeBlock call = CodeBlock.of("$L.$L($L)",
        pipelineField,
        step.method().getSimpleName(),
        step.parameters().stream().map(this::argument).collect(CodeBlock.joining(", ")));
    return step.output().isVoid()
        ? CodeBlock.of("($L, $L) -> { $L; return null; }", outputs, context, call)
        : CodeBlock.of("($L, $L) -> $L", outputs, context, call);
  }

  private CodeBlock argument(ParameterModel parameter) {
    return switch (parameter.binding()) {
      case ParameterBinding.Input input -> CodeBlock.of("$L", identifier(input.name()));
      case ParameterBinding.Context _ -> CodeBlock.of("$L", context);
      case ParameterBinding.Dependency dependency -> {
        int source = pipeline.graph().indexOf(dependency.stepName());
        TypeName type = TypeName.get(pipeline.steps().get(source).output().type()).box();
        yield CodeBlock.of("$L.<$T>get($L)", outputs, type, source);
      }
      case ParameterBinding.Unbound _ -> throw new IllegalStateException(
          "Unbound parameter " + parameter.name() + " reached code generation");
    };
  }
}
