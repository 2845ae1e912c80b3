package dev.braid.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import dev.braid.processor.testing.RecordingProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ProcessorErrorValidationTest {

  /** A processor whose orchestrator crashes on classes named {@code Broken}. */
  private static BraidProcessor crashingOnBroken() {
    return new BraidProcessor(environment -> {
      PipelineProcessingStep step = new PipelineProcessingStep(environment);
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
}
