package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class BadDurationValidationTest {

  @Test
  void reportsAStepTimeoutThatIsNotADuration() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(retries = 2,
              timeout = "30 sec")
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] timeout \"30 sec\" of @Step "
            + "draft is not a duration; write it as 250ms, 30s, 2m, 1h or ISO-8601 such as PT30S, "
            + "in whole milliseconds.")
        .inFile(source).onLineContaining("timeout = \"30 sec\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAZeroStepTimeout() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(timeout = "0s")
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] timeout \"0s\" of @Step draft "
            + "is not above zero; set a positive limit such as 30s, or leave it empty to inherit "
            + "the pipeline's.")
        .inFile(source).onLineContaining("timeout = \"0s\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsBadPipelineDefaultsOnTheirOwnValues() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(
            timeout = "fast",
            retryDelay = "-PT1S")
        class TicketPipeline {
          @Step String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] timeout \"fast\" of @Pipeline "
            + "TicketPipeline is not a duration; write it as 250ms, 30s, 2m, 1h or ISO-8601 such as "
            + "PT30S, in whole milliseconds.")
        .inFile(source).onLineContaining("timeout = \"fast\"");
    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] retryDelay \"-PT1S\" of "
            + "@Pipeline TicketPipeline is negative; set a delay of zero or more, such as 500ms.")
        .inFile(source).onLineContaining("retryDelay = \"-PT1S\"");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsAFractionOfAMillisecond() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(retryDelay = "PT0.0005S")
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] retryDelay \"PT0.0005S\" of "
            + "@Step draft is not a duration; write it as 250ms, 30s, 2m, 1h or ISO-8601 such as "
            + "PT30S, in whole milliseconds.")
        .inFile(source).onLineContaining("retryDelay = \"PT0.0005S\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAZeroDeadlineAndANegativeCapOfThePipeline() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(
            deadline = "0ms",
            maxRetryDelay = "-PT5S")
        class TicketPipeline {
          @Step String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] deadline \"0ms\" of @Pipeline "
            + "TicketPipeline is not above zero; set a positive limit such as 30s, or leave it "
            + "empty for no limit.")
        .inFile(source).onLineContaining("deadline = \"0ms\"");
    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] maxRetryDelay \"-PT5S\" of "
            + "@Pipeline TicketPipeline is negative; set a delay of zero or more, such as 30s.")
        .inFile(source).onLineContaining("maxRetryDelay = \"-PT5S\"");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsADeadlineAndAStepCapThatAreNotDurations() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(deadline = "2 minutes")
        class TicketPipeline {
          @Step(retries = 3,
              maxRetryDelay = "10")
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] deadline \"2 minutes\" of "
            + "@Pipeline TicketPipeline is not a duration; write it as 250ms, 30s, 2m, 1h or "
            + "ISO-8601 such as PT30S, in whole milliseconds.")
        .inFile(source).onLineContaining("deadline = \"2 minutes\"");
    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] maxRetryDelay \"10\" of @Step "
            + "draft is not a duration; write it as 250ms, 30s, 2m, 1h or ISO-8601 such as PT30S, "
            + "in whole milliseconds.")
        .inFile(source).onLineContaining("maxRetryDelay = \"10\"");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void acceptsEveryDocumentedForm() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(timeout = "1h", retryDelay = "0ms", maxRetryDelay = "0ms", deadline = "PT1H")
        class TicketPipeline {
          @Step(timeout = "250ms") String a(@Input String ticket) { return ticket; }
          @Step(timeout = "30s", retryDelay = "2m", maxRetryDelay = "1h")
          String b(@Input String ticket) { return ticket; }
          @Step(dependsOn = {"a", "b"}, timeout = "PT30S") String c(String a, String b) {
            return a + b;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }
}
