package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class BadConcurrencyCapValidationTest {

  @Test
  void reportsACapOfZeroThatWouldNeverLetTheStepRun() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(timeout = "1s",
              maxConcurrent = 0)
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadConcurrencyCap] maxConcurrent = 0 of"
            + " @Step draft would never let the step run; write the most attempts all runs of the"
            + " executor may run at once, such as 5, or leave it out for no cap.")
        .inFile(source).onLineContaining("maxConcurrent = 0");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsANegativeCap() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract",
              maxConcurrent = -5)
          String draft(String extract) { return extract; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadConcurrencyCap] maxConcurrent = -5 of"
            + " @Step draft is negative; write the most attempts all runs of the executor may run"
            + " at once, 1 or more, or leave it out for no cap.")
        .inFile(source).onLineContaining("maxConcurrent = -5");
    assertThat(compilation).hadErrorCount(1);
  }
}
