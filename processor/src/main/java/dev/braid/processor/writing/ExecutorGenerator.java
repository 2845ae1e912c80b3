package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.braid.processor.model.PipelineModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Generates the executor of a valid pipeline: a final class that builds the pipeline's plan once
 * and, on each run, hands the runtime one object of its nested record {@code Steps}, which calls
 * each step method with its inputs and dependencies' outputs; for a durable pipeline, also what a
 * worker needs to run it elsewhere ({@link DurableMethods}). Its only originating element is the
 * pipeline class, which keeps the processor isolating for incremental builds.
 */
public final class ExecutorGenerator {
  private final ExecutorAnnotations annotations;

  public ExecutorGenerator(Elements elements) {
    this.annotations = new ExecutorAnnotations(elements);
  }

  /** The executor's source file. */
  public JavaFile generate(PipelineModel pipeline) {
    ClassName pipelineType = ClassName.get(pipeline.type());
    ClassName executor = ExecutorNames.executorOf(pipelineType);
    ExecutorSignature signature =
        new ExecutorSignature(pipeline, executor, annotations.nullable());
    ExecutorJavadoc javadoc = new ExecutorJavadoc(pipeline, executor);
    StepDispatchers steps = new StepDispatchers(signature);
    BatchMethods batches = new BatchMethods(signature);
    DurableMethods durable = new DurableMethods(signature, steps);
    List<MethodSpec> runs = new ArrayList<>(new RunMethods(signature, steps).specs());
    runs.addAll(new StreamMethods(signature, steps).specs());
    List<MethodSpec> durableMethods = durable.specs();
    TypeSpec.Builder type = TypeSpec.classBuilder(executor)
        .addOriginatingElement(pipeline.type())
        .addJavadoc(javadoc.type(batches.applies()))
        .addAnnotations(annotations.type(pipeline.type()))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addFields(fields(pipelineType, durable))
        .addMethod(constructor(pipelineType, javadoc, durable))
        .addMethod(constructorWithConfig(pipelineType, javadoc, durable))
        .addMethods(runs)
        .addMethods(batches.specs())
        .addMethods(durableMethods)
        .addMethods(new OmittedInputs(signature).overloads(
            Stream.concat(runs.stream(), durableMethods.stream()).toList()))
        .addMethods(new PlanMethods(pipeline).specs());
    batches.inputsRecord().ifPresent(type::addType);
    type.addType(steps.spec());
    return JavaFile.builder(executor.packageName(), type.build()).build();
  }

  private static List<FieldSpec> fields(ClassName pipelineType, DurableMethods durable) {
    List<FieldSpec> fields = new ArrayList<>(List.of(
        FieldSpec.builder(RuntimeTypes.PIPELINE_PLAN, "PLAN",
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("plan()")
            .build(),
        FieldSpec.builder(pipelineType, "pipeline", Modifier.PRIVATE, Modifier.FINAL).build(),
        FieldSpec.builder(RuntimeTypes.PIPELINE_ENGINE, "engine", Modifier.PRIVATE, Modifier.FINAL)
            .build()));
    fields.addAll(durable.fields());
    return fields;
  }

  private MethodSpec constructor(
      ClassName pipelineType, ExecutorJavadoc javadoc, DurableMethods durable) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc(javadoc.constructor())
        .addModifiers(Modifier.PUBLIC)
        .addParameter(pipelineType, "pipeline")
        .addStatement("this.pipeline = $T.requireNonNull(pipeline, $S)",
            RuntimeTypes.OBJECTS, "pipeline")
        .addStatement("this.engine = $T.create(PLAN)", RuntimeTypes.PIPELINE_ENGINE);
    if (durable.applies()) {
      constructor.addStatement(durable.constructorStatement());
    }
    annotations.constructor().ifPresent(constructor::addAnnotation);
    return constructor.build();
  }

  private static MethodSpec constructorWithConfig(
      ClassName pipelineType, ExecutorJavadoc javadoc, DurableMethods durable) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc(javadoc.constructorWithConfig())
        .addModifiers(Modifier.PUBLIC)
        .addParameter(pipelineType, "pipeline")
        .addParameter(RuntimeTypes.PIPELINE_CONFIG, "config")
        .addStatement("this.pipeline = $T.requireNonNull(pipeline, $S)",
            RuntimeTypes.OBJECTS, "pipeline")
        .addStatement("this.engine = $T.create(PLAN, config)", RuntimeTypes.PIPELINE_ENGINE);
    if (durable.applies()) {
      constructor.addStatement(durable.constructorStatement());
    }
    return constructor.build();
  }
}
