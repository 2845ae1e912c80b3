package dev.braid.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.braid.processor.model.OutputSelection;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The names and types an executor's methods share: one identifier per pipeline input, the
 * identifiers of generated parameters, and the output type. All identifiers come from one {@link
 * NameAllocator}, so that any input name yields a legal, unique parameter that never clashes with
 * {@code options}, {@code previous}, {@code outputs}, {@code context}, {@code step}, {@code
 * queue} or the step dispatcher's {@code pipeline} component, and can also name a record
 * component. Types carry JSpecify's {@code @Nullable} where the pipeline declares null allowed, if
 * the user's class path has it: a nullable input, and the output of a nullable or {@code void}
 * output step.
 */
final class ExecutorSignature {
  /** Names a record component may not have (JLS 8.10.1), kept from inputs so both can share one. */
  private static final List<String> RECORD_RESERVED = List.of(
      "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  private final PipelineModel pipeline;
  private final ClassName executor;
  private final ExecutorNames.NestedTypes nestedTypes;
  private final Optional<AnnotationSpec> nullable;
  private final List<PipelineInput> inputs;
  private final Map<String, String> inputIdentifiers = new LinkedHashMap<>();
  private final String options;
  private final String previous;
  private final String outputs;
  private final String context;
  private final String step;
  private final String pipelineComponent;
  private final String queue;

  /**
   * @param nullable {@code @Nullable}, if the user's class path has it, for the types of nullable
   *     inputs and outputs
   */
  ExecutorSignature(
      PipelineModel pipeline, ClassName executor, Optional<AnnotationSpec> nullable) {
    this.pipeline = pipeline;
    this.executor = executor;
    this.nestedTypes = ExecutorNames.NestedTypes.of(executor, pipeline.type());
    this.nullable = nullable;
    this.inputs = pipeline.inputs();
    NameAllocator names = new NameAllocator();
    RECORD_RESERVED.forEach(names::newName);
    for (PipelineInput input : inputs) {
      inputIdentifiers.put(input.name(), names.newName(input.name(), input.name()));
    }
    this.options = names.newName("options");
    this.previous = names.newName("previous");
    this.outputs = names.newName("outputs");
    this.context = names.newName("context");
    this.step = names.newName("step");
    this.pipelineComponent = names.newName("pipeline");
    this.queue = names.newName("queue");
  }

  PipelineModel pipeline() {
    return pipeline;
  }

  ClassName executor() {
    return executor;
  }

  /** The record that runs the steps of one run, nested in the executor. */
  ClassName stepsType() {
    return nestedTypes.steps();
  }

  /** The record of one run's inputs, nested in the executor. */
  ClassName inputsType() {
    return nestedTypes.inputs();
  }

  /** The pipeline's inputs in {@code execute} order. */
  List<PipelineInput> inputs() {
    return inputs;
  }

  /** The identifier of input {@code inputName}, as a parameter and as a record component. */
  String identifier(String inputName) {
    return inputIdentifiers.get(inputName);
  }

  /** The inputs declared {@code Optional<T>}, which overloads let callers leave out. */
  List<PipelineInput> optionalInputs() {
    return inputs().stream().filter(PipelineInput::isOptional).toList();
  }

  /** One parameter per input, in {@code execute} order. */
  List<ParameterSpec> inputParameters() {
    return inputs().stream()
        .map(input -> ParameterSpec.builder(inputType(input), identifier(input.name())).build())
        .toList();
  }

  /** The type of {@code input}'s parameters: as declared, {@code @Nullable} if it is. */
  TypeName inputType(PipelineInput input) {
    TypeName type = TypeName.get(input.type());
    return input.isNullable() ? nullable(type) : type;
  }

  /**
   * {@code @Nullable type} if the user's class path has the annotation, written where the type's
   * form puts it: {@code java.util.@Nullable List}, {@code Outer.@Nullable Inner}, {@code
   * String @Nullable []}.
   */
  TypeName nullable(TypeName type) {
    return nullable.map(type::annotated).orElse(type);
  }

  /** The inputs as arguments of a call: {@code ticket, customerId}. */
  CodeBlock inputArguments() {
    return inputs().stream()
        .map(input -> CodeBlock.of("$L", identifier(input.name())))
        .collect(CodeBlock.joining(",$W"));
  }

  /** The inputs followed by {@code extra}, as arguments of a call. */
  CodeBlock inputArgumentsAnd(CodeBlock extra) {
    return inputs().isEmpty() ? extra : CodeBlock.of("$L, $L", inputArguments(), extra);
  }

  /** The inputs and {@code RunOptions.defaults()}, as arguments of an overload with options. */
  CodeBlock inputArgumentsAndDefaults() {
    return inputArgumentsAnd(CodeBlock.of("$T.defaults()", RuntimeTypes.RUN_OPTIONS));
  }

  /** {@code new Object[] {ticket, customerId}}, which boxes primitive inputs. */
  CodeBlock inputArray() {
    return CodeBlock.of("new $T[] {$L}", RuntimeTypes.OBJECT, inputArguments());
  }

  String options() {
    return options;
  }

  String previous() {
    return previous;
  }

  String outputs() {
    return outputs;
  }

  String context() {
    return context;
  }

  /** The index parameter of the step dispatcher's methods. */
  String step() {
    return step;
  }

  /** The step dispatcher's record component that holds the pipeline instance. */
  String pipelineComponent() {
    return pipelineComponent;
  }

  /** The queue parameter of a durable pipeline's {@code submit}. */
  String queue() {
    return queue;
  }

  /** How methods with input parameters refer to the {@code pipeline} field. */
  String pipelineField() {
    return inputIdentifiers.containsValue("pipeline") ? "this.pipeline" : "pipeline";
  }

  /** How methods with input parameters refer to the {@code engine} field. */
  String engineField() {
    return inputIdentifiers.containsValue("engine") ? "this.engine" : "engine";
  }

  /** How methods with input parameters refer to a durable pipeline's {@code definition} field. */
  String definitionField() {
    return inputIdentifiers.containsValue("definition") ? "this.definition" : "definition";
  }

  /**
   * The {@code O} of {@code PipelineResult<O>}: the output step's boxed type, {@code @Nullable} if
   * the step may return null; {@code @Nullable Void} for a {@code void} step, whose output is null.
   */
  TypeName outputType() {
    return outputTypeOf(pipeline, this::nullable);
  }

  /**
   * The {@code O} of the {@code PipelineResult<O>} that the executor of {@code pipeline} returns,
   * which a router over it returns too.
   */
  static TypeName outputTypeOf(PipelineModel pipeline, UnaryOperator<TypeName> nullable) {
    if (!(OutputSelection.of(pipeline) instanceof OutputSelection.Selected selected)) {
      throw new IllegalStateException("No output step in " + pipeline.className());
    }
    StepOutput output = pipeline.steps().get(selected.step()).output();
    TypeName type = output.isVoid() ? RuntimeTypes.VOID : TypeName.get(output.type()).box();
    return output.isNullable() ? nullable.apply(type) : type;
  }

  /** {@code PipelineResult<O>}. */
  TypeName resultType() {
    return ParameterizedTypeName.get(RuntimeTypes.PIPELINE_RESULT, outputType());
  }
}
