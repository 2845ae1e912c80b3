package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ConditionalOutputValidationTest {

  @Test
  void reportsAConditionalOutputStep() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step boolean isTechnical(@Input String ticket) { return true; }
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionalOutput] @Step escalate is the "
            + "output of TriagePipeline but runs only when \"isTechnical\", so a run that skipped "
            + "it would have no output; remove when, or mark another step @Step(output = true).")
        .inFile(source).onLineContaining("@Step(when = \"isTechnical\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAConditionalOutputStepEvenWhenItReturnsVoid() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step String draft(@Input String ticket) { return ticket; }
          @Step(dependsOn = "draft", output = true,
              when = "isWorkday") void send() {}
          @Step(dependsOn = "draft") void archive() {}

          boolean isWorkday() { return true; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionalOutput] @Step send is the "
            + "output of TriagePipeline but runs only when \"isWorkday\", so a run that skipped "
            + "it would have no output; remove when, or mark another step @Step(output = true).")
        .inFile(source).onLineContaining("when = \"isWorkday\")");
    assertThat(compilation).hadErrorCount(1);
  }
}
