package dev.braid.processor.testing;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModelFactory;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/**
 * Builds the model of each {@code @Pipeline} class in test sources and hands it to a consumer while
 * javac is still running, since type mirrors are valid only then. For unit tests of model logic
 * that needs real types; nothing is validated or generated.
 */
public final class ModelProbe extends AbstractProcessor {
  private final Consumer<PipelineModel> consumer;

  private ModelProbe(Consumer<PipelineModel> consumer) {
    this.consumer = consumer;
  }

  /** Compiles {@code sources}, handing the model of each pipeline in them to {@code consumer}. */
  public static void probe(Consumer<PipelineModel> consumer, JavaFileObject... sources) {
    Compilation compilation = javac().withProcessors(new ModelProbe(consumer)).compile(sources);
    assertWithMessage("compilation errors: %s", compilation.errors())
        .that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(BraidNames.PIPELINE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    PipelineModelFactory factory = new PipelineModelFactory(processingEnv.getElementUtils());
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        consumer.accept(factory.create((TypeElement) element));
      }
    }
    return false;
  }
}
