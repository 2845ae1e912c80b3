package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DuplicateStepValidationTest {

  @Test
  void reportsARepeatedStepNameOnTheLaterNameValue() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(name = "extract") String extractAgain(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract", output = true) String answer(String extract) {
            return extract;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/DuplicateStep] Methods extract() and "
            + "extractAgain() of TicketPipeline both declare step \"extract\"; give one of them "
            + "another name with @Step(name = ...).")
        .inFile(source).onLineContaining("@Step(name = \"extract\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsOverloadedStepMethodsOnTheLaterMethod() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String process(@Input String ticket) { return ticket; }
          @Step
          void process(@Input("count") int count) {}
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/DuplicateStep] Methods process() and "
            + "process() of TicketPipeline both declare step \"process\"; give one of them "
            + "another name with @Step(name = ...).")
        .inFile(source).onLineContaining("void process(");
    assertThat(compilation).hadErrorCount(1);
  }
}
