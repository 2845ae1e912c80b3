package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class EmptyPipelineValidationTest {

  @Test
  void reportsAPipelineWithoutSteps() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          String extract(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/EmptyPipeline] @Pipeline TicketPipeline has "
            + "no @Step methods; annotate the methods that make up the pipeline with @Step.")
        .inFile(source).onLineContaining("@Pipeline");
    assertThat(compilation).hadErrorCount(1);
  }
}
