package dev.braid.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code stream}, with and without {@code RunOptions}, which starts a run whose chunks the
 * caller reads while its steps produce them: what they hand {@code StepContext.emit}, and the
 * pieces of streaming model calls. Shaped like {@code executeAsync}: the overload without options
 * delegates with {@code RunOptions.defaults()}, the other hands the engine the inputs and the
 * {@code Steps} record built for them.
 */
final class StreamMethods {
  private final ExecutorSignature signature;
  private final MethodJavadoc javadoc;
  private final StepDispatchers steps;

  StreamMethods(ExecutorSignature signature, StepDispatchers steps) {
    this.signature = signature;
    this.javadoc = new MethodJavadoc(signature);
    this.steps = steps;
  }

  List<MethodSpec> specs() {
    return List.of(stream(), streamWithOptions());
  }

  private MethodSpec stream() {
    return method(streamJavadoc(false))
        .addStatement("return stream($L)", signature.inputArgumentsAndDefaults())
        .build();
  }

  private MethodSpec streamWithOptions() {
    return method(streamJavadoc(true))
        .addParameter(RuntimeTypes.RUN_OPTIONS, signature.options())
        .addStatement("return $L.stream($L,$W$L,$W$L)", signature.engineField(),
            signature.options(), signature.inputArray(), steps.call())
        .build();
  }

  private CodeBlock streamJavadoc(boolean withOptions) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Starts a run on a thread of its own and returns at once with its stream: the "
                + "chunks its steps\nemit through {@code StepContext.emit} or streaming model "
                + "calls, to read as they come,\nthen {@link $T#result()}. A step that streams "
                + "waits while the stream's buffer is full;\nclose the stream, as with "
                + "try-with-resources, to cancel the run if it has not ended.\n\n",
            RuntimeTypes.RUN_STREAM)
        .add(javadoc.inputs());
    if (withOptions) {
      doc.add(javadoc.options());
    }
    doc.add("@return the run in progress: iterate it for the {@link $T}s in the order steps\n"
            + "    emitted them, then call {@code result()}, which returns or throws as {@code "
            + "execute} would\n",
        RuntimeTypes.STREAM_CHUNK);
    if (withOptions) {
      doc.add(javadoc.unknownStep(signature.options()));
    }
    return doc.build();
  }

  private MethodSpec.Builder method(CodeBlock javadoc) {
    return MethodSpec.methodBuilder("stream")
        .addJavadoc(javadoc)
        .addModifiers(Modifier.PUBLIC)
        .returns(streamType())
        .addParameters(signature.inputParameters());
  }

  private TypeName streamType() {
    return ParameterizedTypeName.get(RuntimeTypes.RUN_STREAM, signature.outputType());
  }
}
