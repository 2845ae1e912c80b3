package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class StepOutsidePipelineValidationTest {

  @Test
  void reportsAStepInAClassWithoutPipeline() {
    JavaFileObject source = source("Helpers", """
        class Helpers {
          @Step String helper(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepOutsidePipeline] @Step method helper is "
            + "in Helpers, which is not a @Pipeline class; annotate Helpers with @Pipeline or move "
            + "the method into a pipeline class.")
        .inFile(source).onLineContaining("String helper(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAStepInAClassNestedInAPipeline() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }

          static class Nested {
            @Step String helper(@Input String ticket) { return ticket; }
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepOutsidePipeline] @Step method helper is "
            + "in Nested, which is not a @Pipeline class; annotate Nested with @Pipeline or move "
            + "the method into a pipeline class.")
        .inFile(source).onLineContaining("String helper(");
    assertThat(compilation).hadErrorCount(1);
  }
}
