package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RetryDelayCapValidationTest {

  @Test
  void reportsAPipelineCapBelowThePipelineDelayOnceOnThePipeline() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(retries = 2, retryDelay = "2s",
            maxRetryDelay = "1s")
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract") String draft(String extract) { return extract; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] maxRetryDelay \"1s\" of "
            + "@Pipeline TicketPipeline is below its retryDelay \"2s\"; raise maxRetryDelay to "
            + "\"2s\" or more, or lower retryDelay.")
        .inFile(source).onLineContaining("maxRetryDelay = \"1s\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAStepCapBelowItsOwnDelay() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(retries = 2, retryDelay = "PT2S",
              maxRetryDelay = "1500ms")
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] maxRetryDelay \"1500ms\" of "
            + "@Step draft is below its retryDelay \"PT2S\"; raise maxRetryDelay to \"PT2S\" or "
            + "more, or lower retryDelay.")
        .inFile(source).onLineContaining("maxRetryDelay = \"1500ms\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAStepCapBelowTheDelayItInherits() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(retries = 1, retryDelay = "5s")
        class TicketPipeline {
          @Step(
              maxRetryDelay = "1s")
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] maxRetryDelay \"1s\" of @Step "
            + "draft is below retryDelay \"5s\", which it inherits from @Pipeline TicketPipeline; "
            + "raise maxRetryDelay to \"5s\" or more, or set a lower retryDelay on the step.")
        .inFile(source).onLineContaining("maxRetryDelay = \"1s\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAStepDelayAboveTheCapItInherits() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(retries = 1, maxRetryDelay = "1m")
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract",
              retryDelay = "2m")
          String draft(String extract) { return extract; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] retryDelay \"2m\" of @Step "
            + "draft is above maxRetryDelay \"1m\", which it inherits from @Pipeline "
            + "TicketPipeline; lower retryDelay to \"1m\" or less, or set maxRetryDelay to \"2m\" "
            + "or more on the step.")
        .inFile(source).onLineContaining("retryDelay = \"2m\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsACapEqualToTheDelayAndAStepThatRaisesTheCap() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(retries = 1, retryDelay = "1s", maxRetryDelay = "1s")
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract", retryDelay = "2m", maxRetryDelay = "5m")
          String draft(String extract) { return extract; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }

  @Test
  void leavesAMalformedDelayToTheDurationRule() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(retries = 1, maxRetryDelay = "1s")
        class TicketPipeline {
          @Step(retryDelay = "2 s") String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] retryDelay \"2 s\" of @Step "
        + "draft is not a duration");
    assertThat(compilation).hadErrorCount(1);
  }
}
