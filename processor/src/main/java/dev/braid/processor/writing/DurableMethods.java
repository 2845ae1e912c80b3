package dev.braid.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes what the executor of a durable pipeline adds, so that a worker can run the pipeline away
 * from the code that submitted it: the constants {@code INPUT_TYPES} and {@code STEP_TYPES}, the
 * full declared type of each input and of each step's output, which stored JSON is read back
 * into; {@code STEP_FINGERPRINTS}, each step's fingerprint ({@link StepFingerprintText}), which
 * tells a worker whether a checkpoint was written by a build whose step had the same shape; the
 * field {@code definition}, which the constructors build from them; {@code
 * definition()}; {@code submit(queue, inputs…)}; and {@code dispatcher(inputs)}, which makes one
 * run's {@code Steps} record from the inputs a worker read back. Nothing for other pipelines.
 *
 * <p>Past {@value #TYPES_PER_METHOD} steps the step types are filled in by {@code stepTypes0},
 * {@code stepTypes1}, ..., so that no method grows too large.
 */
final class DurableMethods {
  static final int TYPES_PER_METHOD = 500;

  private final ExecutorSignature signature;
  private final PipelineModel pipeline;
  private final MethodJavadoc javadoc;
  private final StepDispatchers steps;

  DurableMethods(ExecutorSignature signature, StepDispatchers steps) {
    this.signature = signature;
    this.pipeline = signature.pipeline();
    this.javadoc = new MethodJavadoc(signature);
    this.steps = steps;
  }

  boolean applies() {
    return pipeline.isDurable();
  }

  /**
   * {@code INPUT_TYPES}, {@code STEP_TYPES} and {@code STEP_FINGERPRINTS}, static, then the {@code
   * definition} field.
   */
  List<FieldSpec> fields() {
    if (!applies()) {
      return List.of();
    }
    TypeName types = ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.TYPE);
    return List.of(
        FieldSpec.builder(types, "INPUT_TYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.of($L)", RuntimeTypes.LIST, signature.inputs().stream()
                .map(input -> TypeTokens.of(input.type()))
                .collect(CodeBlock.joining(",$W")))
            .build(),
        FieldSpec.builder(types, "STEP_TYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(pipeline.steps().size() <= TYPES_PER_METHOD
                ? CodeBlock.of("$T.of(\n$>$>$L$<$<)", RuntimeTypes.LIST, pipeline.steps().stream()
                    .map(DurableMethods::stepType)
                    .collect(CodeBlock.joining(",\n")))
                : CodeBlock.of("stepTypes()"))
            .build(),
        FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.LIST, ClassName.get(String.class)),
                "STEP_FINGERPRINTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.split($L)", RuntimeTypes.STEP_FINGERPRINTS, fingerprintChunks())
            .build(),
        FieldSpec.builder(definitionType(), "definition", Modifier.PRIVATE, Modifier.FINAL)
            .build());
  }

  /** The constructors' last statement, once {@code engine} is set. */
  CodeBlock constructorStatement() {
    return CodeBlock.of("this.definition = $T.of(this.engine, INPUT_TYPES, STEP_TYPES, "
        + "STEP_FINGERPRINTS, this::dispatcher)", RuntimeTypes.PIPELINE_DEFINITION);
  }

  /**
   * The fingerprints as string literals of up to {@value #TYPES_PER_METHOD} comma-separated
   * fingerprints each, far below the class file's limit on a constant.
   */
  private CodeBlock fingerprintChunks() {
    List<String> all = StepFingerprintText.fingerprints(pipeline);
    List<CodeBlock> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += TYPES_PER_METHOD) {
      chunks.add(CodeBlock.of("$S",
          String.join(",", all.subList(from, Math.min(all.size(), from + TYPES_PER_METHOD)))));
    }
    return CodeBlock.join(chunks, ",$W");
  }

  List<MethodSpec> specs() {
    if (!applies()) {
      return List.of();
    }
    List<MethodSpec> methods = new ArrayList<>(List.of(definition(), submit(), dispatcher()));
    if (pipeline.steps().size() > TYPES_PER_METHOD) {
      methods.addAll(stepTypeMethods());
    }
    return methods;
  }

  private MethodSpec definition() {
    return MethodSpec.methodBuilder("definition")
        .addJavadoc("The pipeline as a worker runs it, away from this executor and possibly in "
            + "another process:\nits plan and settings, the code of its steps for any inputs, "
            + "and the declared type of\neach input and step output, which a stored run's JSON "
            + "is read back into. The\nworkers of a durable store run it.\n\n"
            + "@return the definition this executor built, the same on every call\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(definitionType())
        .addStatement("return definition")
        .build();
  }

  private MethodSpec submit() {
    return MethodSpec.methodBuilder("submit")
        .addJavadoc(CodeBlock.builder()
            .add("Queues one run of the pipeline with these inputs on {@code $L}, for a worker "
                + "to run later,\npossibly in another process. The run is stored when this "
                + "returns; what is thrown when\nit cannot be stored is up to the queue.\n\n",
                signature.queue())
            .add("@param $L where the run waits for a worker, such as a durable store\n",
                signature.queue())
            .add(javadoc.inputs())
            .add("@return the id of the queued run\n")
            .build())
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addParameter(RuntimeTypes.RUN_QUEUE, signature.queue())
        .addParameters(signature.inputParameters())
        .addStatement("return $L.submit($L,$W$L)",
            signature.queue(), signature.definitionField(), signature.inputArray())
        .build();
  }

  /** Casts each input a worker read back to its declared type, which the queue stored it as. */
  private MethodSpec dispatcher() {
    List<PipelineInput> inputs = signature.inputs();
    CodeBlock.Builder arguments = CodeBlock.builder().add("$L", signature.pipelineField());
    for (int i = 0; i < inputs.size(); i++) {
      arguments.add(",$W($T) inputs[$L]", TypeName.get(inputs.get(i).type()), i);
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder("dispatcher")
        .addJavadoc("The steps of one run with {@code inputs}, as a worker read them back, in "
            + "the order of\nthe plan's inputs.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(steps.type())
        .addParameter(ArrayTypeName.of(signature.nullable(RuntimeTypes.OBJECT)), "inputs")
        .addStatement("return new $T($L)", steps.type(), arguments.build());
    if (inputs.stream().anyMatch(input -> !TypeTokens.isClass(input.type()))) {
      method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "$S", "unchecked")
          .build());
    }
    return method.build();
  }

  /** {@code stepTypes()} and its helpers, for a pipeline of many steps. */
  private List<MethodSpec> stepTypeMethods() {
    List<StepModel> all = pipeline.steps();
    MethodSpec.Builder stepTypes = MethodSpec.methodBuilder("stepTypes")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.TYPE))
        .addStatement("$T[] types = new $T[$L]", RuntimeTypes.TYPE, RuntimeTypes.TYPE, all.size());
    List<MethodSpec> methods = new ArrayList<>();
    for (int from = 0; from < all.size(); from += TYPES_PER_METHOD) {
      String helper = "stepTypes" + methods.size();
      stepTypes.addStatement("$L(types)", helper);
      MethodSpec.Builder fill = MethodSpec.methodBuilder(helper)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addParameter(ArrayTypeName.of(RuntimeTypes.TYPE), "types");
      for (StepModel step : all.subList(from, Math.min(all.size(), from + TYPES_PER_METHOD))) {
        fill.addStatement("types[$L] = $L", step.index(), stepType(step));
      }
      methods.add(fill.build());
    }
    methods.addFirst(stepTypes.addStatement("return $T.of(types)", RuntimeTypes.LIST).build());
    return methods;
  }

  /**
   * The type a step's output is stored as: {@code Void} for a {@code void} step, the data's type
   * for a conversational one, else its return type, whether or not the step is optional.
   */
  private static CodeBlock stepType(StepModel step) {
    StepOutput output = step.output();
    return output.isVoid()
        ? CodeBlock.of("$T.class", RuntimeTypes.VOID)
        : TypeTokens.of(output.type());
  }

  private TypeName definitionType() {
    return ParameterizedTypeName.get(RuntimeTypes.PIPELINE_DEFINITION, signature.outputType());
  }
}
