package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.DependencyForm;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepCondition;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Writes the nested record {@code Steps} that runs any step of one run by index: it holds the
 * pipeline and the run's inputs and implements {@code StepDispatcher} with a {@code switch} whose
 * cases call the step methods, reading dependencies with {@code outputs.<T>get(i)}, {@code
 * optional(i)} or {@code outcome(i)} so that the compiler checks every type and no cast is needed.
 * When steps are conditional, {@code shouldRun} checks their conditions the same way: it reads the
 * condition step's output, or calls the condition method with arguments read like a step's.
 *
 * <p>One class per executor, rather than one lambda per step, means a run allocates one object
 * and the first run loads one class however large the pipeline. Past {@value #CASES_PER_METHOD}
 * steps the cases move into {@code run0}, {@code run1}, ..., of {@value #CASES_PER_METHOD} cases
 * each, so that every method stays small enough for the JIT to compile.
 */
final class StepDispatchers {
  static final int CASES_PER_METHOD = 100;

  private final ExecutorSignature signature;
  private final PipelineModel pipeline;

  StepDispatchers(ExecutorSignature signature) {
    this.signature = signature;
    this.pipeline = signature.pipeline();
  }

  /** {@code new Steps(pipeline, ticket, customerId)}: what run methods pass to the engine. */
  CodeBlock call() {
    return signature.inputs().isEmpty()
        ? CodeBlock.of("new $T($L)", type(), signature.pipelineField())
        : CodeBlock.of("new $T($L,$W$L)", type(), signature.pipelineField(),
            signature.inputArguments());
  }

  TypeSpec spec() {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addParameter(ClassName.get(pipeline.type()), signature.pipelineComponent())
        .addParameters(signature.inputParameters());
    TypeSpec.Builder record = TypeSpec.recordBuilder(type())
        .addJavadoc("Runs each step of one run with these inputs, by its index in plan order.\n")
        .addModifiers(Modifier.PRIVATE)
        .addSuperinterface(RuntimeTypes.STEP_DISPATCHER)
        .recordConstructor(constructor.build());
    List<StepModel> steps = pipeline.steps();
    if (steps.size() <= CASES_PER_METHOD) {
      record.addMethod(method("run", steps)
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .build());
      return record.addMethods(conditionMethods()).build();
    }
    int methods = (steps.size() + CASES_PER_METHOD - 1) / CASES_PER_METHOD;
    CodeBlock.Builder dispatch = CodeBlock.builder()
        .add("return switch ($L / $L) {\n$>", signature.step(), CASES_PER_METHOD);
    List<MethodSpec> helpers = new ArrayList<>();
    for (int i = 0; i < methods; i++) {
      String helper = "run" + i;
      dispatch.add("case $L -> $L($L, $L, $L);\n",
          i, helper, signature.step(), signature.outputs(), signature.context());
      helpers.add(method(helper, steps.subList(
              i * CASES_PER_METHOD, Math.min(steps.size(), (i + 1) * CASES_PER_METHOD)))
          .addModifiers(Modifier.PRIVATE)
          .build());
    }
    dispatch.add(outOfRange()).add("$<};\n");
    record.addMethod(signatureOf("run")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addCode(dispatch.build())
        .build());
    return record.addMethods(helpers).addMethods(conditionMethods()).build();
  }

  /**
   * {@code shouldRun}, which checks the condition of each conditional step, with its helpers past
   * {@value #CASES_PER_METHOD} conditional steps; none when no step is conditional, leaving the
   * interface's default.
   */
  private List<MethodSpec> conditionMethods() {
    List<StepModel> conditional =
        pipeline.steps().stream().filter(StepModel::isConditional).toList();
    if (conditional.isEmpty()) {
      return List.of();
    }
    if (conditional.size() <= CASES_PER_METHOD) {
      return List.of(conditionSwitch("shouldRun", conditional)
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .build());
    }
    // Conditional steps are in index order, so each helper covers a range of indexes.
    List<MethodSpec> methods = new ArrayList<>();
    CodeBlock.Builder dispatch = CodeBlock.builder();
    for (int from = 0; from < conditional.size(); from += CASES_PER_METHOD) {
      List<StepModel> chunk =
          conditional.subList(from, Math.min(conditional.size(), from + CASES_PER_METHOD));
      String helper = "shouldRun" + methods.size();
      CodeBlock call = CodeBlock.of("$L($L, $L)", helper, signature.step(), signature.outputs());
      if (from + CASES_PER_METHOD < conditional.size()) {
        dispatch.beginControlFlow("if ($L <= $L)", signature.step(), chunk.getLast().index())
            .addStatement("return $L", call)
            .endControlFlow();
      } else {
        dispatch.addStatement("return $L", call);
      }
      methods.add(conditionSwitch(helper, chunk).addModifiers(Modifier.PRIVATE).build());
    }
    methods.addFirst(conditionSignature("shouldRun")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addCode(dispatch.build())
        .build());
    return methods;
  }

  private MethodSpec.Builder conditionSwitch(String name, List<StepModel> steps) {
    CodeBlock.Builder body = CodeBlock.builder()
        .add("return switch ($L) {\n$>", signature.step());
    for (StepModel step : steps) {
      body.add("case $L -> $L;\n", step.index(), condition(step));
    }
    body.add("default -> throw new $T($S + $L + $S);\n",
            IllegalArgumentException.class, "Step ", signature.step(), " has no condition")
        .add("$<};\n");
    return conditionSignature(name).addCode(body.build());
  }

  private MethodSpec.Builder conditionSignature(String name) {
    return MethodSpec.methodBuilder(name)
        .returns(TypeName.BOOLEAN)
        .addParameter(TypeName.INT, signature.step())
        .addParameter(RuntimeTypes.STEP_OUTPUTS, signature.outputs())
        .addException(Exception.class);
  }

  /**
   * Whether {@code step} runs: its condition step's output, false when that step has none (it was
   * optional and failed, or was itself skipped) or it is a null {@code Boolean}; or the result of
   * its condition method, whose {@code null} is false too.
   */
  private CodeBlock condition(StepModel step) {
    return switch (step.condition()) {
      case StepCondition.OnStep(String stepName) ->
          CodeBlock.of("$L.<$T>optional($L).orElse(false)",
              signature.outputs(), Boolean.class, pipeline.graph().indexOf(stepName));
      case StepCondition.OnMethod(ConditionMethod method) -> {
        CodeBlock call = CodeBlock.of("$L.$L($L)",
            method.method().getModifiers().contains(Modifier.STATIC)
                ? CodeBlock.of("$T", ClassName.get(pipeline.type()))
                : CodeBlock.of("$L", signature.pipelineComponent()),
            method.name(),
            method.parameters().stream().map(this::argument).collect(CodeBlock.joining(",$W")));
        yield method.method().getReturnType().getKind() == TypeKind.BOOLEAN
            ? call
            : CodeBlock.of("$T.TRUE.equals($L)", Boolean.class, call);
      }
      default -> throw new IllegalStateException(
          "Unresolved condition of step " + step.name() + " reached code generation");
    };
  }

  /** The record's name, nested in the executor. */
  ClassName type() {
    return signature.stepsType();
  }

  /** A method whose {@code switch} runs {@code steps}. */
  private MethodSpec.Builder method(String name, List<StepModel> steps) {
    CodeBlock.Builder body = CodeBlock.builder()
        .add("return switch ($L) {\n$>", signature.step());
    for (StepModel step : steps) {
      body.add(stepCase(step));
    }
    body.add(outOfRange()).add("$<};\n");
    return signatureOf(name).addCode(body.build());
  }

  private MethodSpec.Builder signatureOf(String name) {
    return MethodSpec.methodBuilder(name)
        .returns(signature.nullable(RuntimeTypes.OBJECT))
        .addParameter(TypeName.INT, signature.step())
        .addParameter(RuntimeTypes.STEP_OUTPUTS, signature.outputs())
        .addParameter(RuntimeTypes.STEP_CONTEXT, signature.context())
        .addException(Exception.class);
  }

  private CodeBlock outOfRange() {
    return CodeBlock.of("default -> throw new $T($L);\n",
        IndexOutOfBoundsException.class, signature.step());
  }

  /** The case that runs one step: reads its arguments and calls the step method. */
  private CodeBlock stepCase(StepModel step) {
    CodeBlock call = CodeBlock.of("$L.$L($L)",
        signature.pipelineComponent(),
        step.method().getSimpleName(),
        step.parameters().stream().map(this::argument).collect(CodeBlock.joining(",$W")));
    return switch (step.output().kind()) {
      case VOID -> CodeBlock.of("case $L -> {\n$>$L;\nyield null;\n$<}\n", step.index(), call);
      case MODEL_REQUEST -> CodeBlock.of("case $L -> $L.callWith($L);\n",
          step.index(), call, signature.context());
      default -> CodeBlock.of("case $L -> $L;\n", step.index(), call);
    };
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
