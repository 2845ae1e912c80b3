package dev.braid.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the methods that run the pipeline once: {@code execute}, {@code executeAsync} and {@code
 * resume}, each with and without {@code RunOptions}. The overloads without options delegate to the
 * others with {@code RunOptions.defaults()}; those hand the engine the inputs, for its records and
 * {@code resume}, and the {@code Steps} record built for them.
 */
final class RunMethods {
  private final ExecutorSignature signature;
  private final MethodJavadoc javadoc;
  private final StepDispatchers steps;

  RunMethods(ExecutorSignature signature, StepDispatchers steps) {
    this.signature = signature;
    this.javadoc = new MethodJavadoc(signature);
    this.steps = steps;
  }

  List<MethodSpec> specs() {
    return List.of(execute(), executeWithOptions(), executeAsync(), executeAsyncWithOptions(),
        resume(), resumeWithOptions());
  }

  private MethodSpec execute() {
    return method("execute", signature.resultType(), CodeBlock.builder()
            .add("Runs the pipeline once and returns when every step it started has ended.\n\n")
            .add(javadoc.inputs()).add(javadoc.result()).add(javadoc.runFailures()).build())
        .addStatement("return execute($L)", signature.inputArgumentsAndDefaults())
        .build();
  }

  private MethodSpec executeWithOptions() {
    return method("execute", signature.resultType(), CodeBlock.builder()
            .add("Runs the pipeline once with settings for this run only, and returns when every "
                + "step it\nstarted has ended.\n\n")
            .add(javadoc.inputs()).add(javadoc.options()).add(javadoc.result())
            .add(javadoc.runFailures()).add(javadoc.unknownStep(signature.options())).build())
        .addParameter(RuntimeTypes.RUN_OPTIONS, signature.options())
        .addStatement("return $L.execute($L,$W$L,$W$L)", signature.engineField(),
            signature.options(), signature.inputArray(), steps.call())
        .build();
  }

  private MethodSpec executeAsync() {
    return method("executeAsync", futureType(), asyncJavadoc(false))
        .addStatement("return executeAsync($L)", signature.inputArgumentsAndDefaults())
        .build();
  }

  private MethodSpec executeAsyncWithOptions() {
    return method("executeAsync", futureType(), asyncJavadoc(true))
        .addParameter(RuntimeTypes.RUN_OPTIONS, signature.options())
        .addStatement("return $L.executeAsync($L,$W$L,$W$L)", signature.engineField(),
            signature.options(), signature.inputArray(), steps.call())
        .build();
  }

  private CodeBlock asyncJavadoc(boolean withOptions) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Starts a run on a thread of its own and returns at once. Cancelling the future "
            + "with\n{@code cancel(true)} cancels the run: its steps are interrupted, and its "
            + "thread ends once\nthey have.\n\n")
        .add(javadoc.inputs());
    if (withOptions) {
      doc.add(javadoc.options());
    }
    doc.add("@return the run's result, completed exceptionally with what {@code execute} would "
            + "throw:\n    a {@link $T},\n    {@link $T} or\n    {@link $T}\n",
        RuntimeTypes.STEP_EXECUTION_EXCEPTION, RuntimeTypes.RUN_CANCELLED_EXCEPTION,
        RuntimeTypes.RUN_DEADLINE_EXCEEDED_EXCEPTION);
    if (withOptions) {
      doc.add(javadoc.unknownStep(signature.options()));
    }
    return doc.build();
  }

  private MethodSpec resume() {
    return resumeMethod(resumeJavadoc(false))
        .addStatement("return resume($L, $L)",
            signature.previous(), signature.inputArgumentsAndDefaults())
        .build();
  }

  private MethodSpec resumeWithOptions() {
    return resumeMethod(resumeJavadoc(true))
        .addParameter(RuntimeTypes.RUN_OPTIONS, signature.options())
        .addStatement("return $L.resume($L,$W$L,$W$L,$W$L)", signature.engineField(),
            signature.previous(), signature.options(), signature.inputArray(), steps.call())
        .build();
  }

  private MethodSpec.Builder resumeMethod(CodeBlock javadoc) {
    return MethodSpec.methodBuilder("resume")
        .addJavadoc(javadoc)
        .addModifiers(Modifier.PUBLIC)
        .returns(signature.resultType())
        .addParameter(signature.resultType(), signature.previous())
        .addParameters(signature.inputParameters());
  }

  private CodeBlock resumeJavadoc(boolean withOptions) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Runs the pipeline again after {@code $L} stopped early, typically once the user "
                + "has\nanswered: the steps that succeeded and read, directly or through their "
                + "dependencies, no\ninput that differs from the earlier run's keep their outputs; "
                + "every other step runs again.\n\n", signature.previous())
        .add("@param $L the result of an earlier run of this pipeline\n", signature.previous())
        .add(javadoc.inputs());
    if (withOptions) {
      doc.add(javadoc.options());
    }
    return doc.add(javadoc.result()).add(javadoc.runFailures())
        .add("@throws IllegalArgumentException if {@code $L} is the result of another pipeline$L\n",
            signature.previous(), withOptions
                ? ",\n    or {@code " + signature.options()
                    + "} names a step the pipeline does not have"
                : "")
        .build();
  }

  private MethodSpec.Builder method(String name, TypeName returns, CodeBlock javadoc) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(javadoc)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addParameters(signature.inputParameters());
  }

  private TypeName futureType() {
    return ParameterizedTypeName.get(RuntimeTypes.COMPLETABLE_FUTURE, signature.resultType());
  }
}
