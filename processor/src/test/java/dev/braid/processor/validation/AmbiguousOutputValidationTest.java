package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class AmbiguousOutputValidationTest {

  @Test
  void reportsSeveralFinalStepsWhenNoneIsMarked() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(retries = 1)
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract") String reply(String extract) { return extract; }
          @Step(dependsOn = "extract") Integer archive(String extract) { return 1; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/AmbiguousOutput] @Pipeline TicketPipeline "
            + "has several final steps (reply and archive) and none is marked as its output; mark "
            + "the step whose output the pipeline returns with @Step(output = true).")
        .inFile(source).onLineContaining("@Pipeline(retries = 1)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsSeveralStepsMarkedAsOutputOnTheSecond() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(output = true, timeout = "1s") String extract(@Input String ticket) {
            return ticket;
          }
          @Step(dependsOn = "extract") String reply(String extract) { return extract; }
          @Step(dependsOn = "extract",
              output = true)
          String archive(String extract) { return extract; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/AmbiguousOutput] Steps extract and archive "
            + "of TicketPipeline are all marked output = true; keep it on the one step whose "
            + "output the pipeline returns.")
        .inFile(source).onLineContaining("output = true)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void picksTheOnlyNonVoidFinalStep() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract") String reply(String extract) { return extract; }
          @Step(dependsOn = "extract") void audit() {}
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.TicketPipelineExecutor")
        .contentsAsUtf8String().contains("plan.output(1);");
  }
}
