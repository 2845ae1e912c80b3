package dev.braid.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import dev.braid.processor.testing.RecordingProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

class ProcessorErrorValidationTest {

  /** A processor whose orchestrator crashes on classes named {@code Broken}. */
  private static BraidProcessor crashingOnBroken() {
    return new BraidProcessor((environment, files) -> {
      PipelineProcessingStep step = new PipelineProcessingStep(environment, files);
      return type -> {
        if (type.getSimpleName().contentEquals("Broken")) {
          throw new IllegalStateException("boom");
        }
        step.process(type);
      };
    });
  }

  @Test
  void turnsACrashIntoAnErrorOnThatPipelineWithTheStackTrace() {
    JavaFileObject broken = source("Broken", """
        @Pipeline
        class Broken {
          @Step String hello(@Input String name) { return name; }
        }
        """);
    JavaFileObject fine = source("Fine", """
        @Pipeline
        class Fine {
          @Step String hello(@Input String name) { return name; }
        }
        """);

    RecordingProcessor processor = new RecordingProcessor(crashingOnBroken());

    Compilation compilation = compile(processor, broken, fine);

    assertThat(compilation).hadErrorContaining("[Braid/ProcessorError] Braid's processor failed "
            + "on Broken and generated nothing for it; please report this with the stack trace "
            + "below.\n  java.lang.IllegalStateException: boom\n  \tat dev.braid.processor.")
        .inFile(broken).onLineContaining("class Broken");
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.sourceNames()).containsExactly("com.acme.FineExecutor");
  }

  @Test
  void reportsADiagramThatCannotBeWrittenOnThePipeline() {
    JavaFileObject flow = source("Flow", """
        @Pipeline
        class Flow {
          @Step String hello(@Input String name) { return name; }
        }
        """);

    Compilation compilation = javac()
        .withProcessors(new ResourceClaimer("com.acme", "FlowExecutor.mmd"), new BraidProcessor())
        .withOptions("-Xlint:all")
        .compile(flow);

    assertThat(compilation).hadErrorContaining("[Braid/ProcessorError] Braid could not write the "
            + "resource com/acme/FlowExecutor.mmd for Flow (")
        .inFile(flow).onLineContaining("class Flow");
    assertThat(compilation).hadErrorContaining("); remove any other resource of that name from "
        + "the class output, since Braid generates it.");
    assertThat(compilation).hadErrorCount(1);
  }

  /** A processor that creates one class output resource first, as another tool might. */
  private static final class ResourceClaimer extends AbstractProcessor {
    private final String packageName;
    private final String relativeName;
    private boolean created;

    ResourceClaimer(String packageName, String relativeName) {
      this.packageName = packageName;
      this.relativeName = relativeName;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!created) {
        created = true;
        try {
          processingEnv.getFiler()
              .createResource(StandardLocation.CLASS_OUTPUT, packageName, relativeName)
              .openWriter().close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
