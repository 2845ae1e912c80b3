package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class BadRetriesValidationTest {

  @Test
  void reportsStepRetriesBelowMinusOne() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(timeout = "1s",
              retries = -2)
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadRetries] retries = -2 of @Step draft is "
            + "below -1; write 0 for one attempt, the number of retries after a failed attempt, or "
            + "-1 to inherit the pipeline's.")
        .inFile(source).onLineContaining("retries = -2");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsNegativePipelineRetries() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(
            retries = -1)
        class TicketPipeline {
          @Step String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadRetries] retries = -1 of @Pipeline "
            + "TicketPipeline is negative; write 0 for one attempt or the number of retries after a "
            + "failed attempt.")
        .inFile(source).onLineContaining("retries = -1");
    assertThat(compilation).hadErrorCount(1);
  }
}
