package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class OptionalOutputValidationTest {

  @Test
  void reportsAnOptionalOutputStepOnItsOptionalValue() {
    JavaFileObject source = source("ReplyPipeline", """
        @Pipeline
        class ReplyPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract", timeout = "5s",
              optional = true)
          String reply(String extract) { return extract; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalOutput] @Step reply is the output "
            + "of ReplyPipeline but is marked optional = true, so a run in which it failed would "
            + "have no output; remove optional = true, or mark another step "
            + "@Step(output = true).")
        .inFile(source).onLineContaining("optional = true)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnOptionalStepMarkedAsTheOutput() {
    JavaFileObject source = source("ReplyPipeline", """
        @Pipeline
        class ReplyPipeline {
          @Step(output = true, optional = true) String extract(@Input String ticket) {
            return ticket;
          }
          @Step(dependsOn = "extract") void audit(Optional<String> extract) {}
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalOutput] @Step extract is the output "
            + "of ReplyPipeline but is marked optional = true")
        .inFile(source).onLineContaining("optional = true)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsAnOptionalVoidOutputStep() {
    JavaFileObject source = source("ReplyPipeline", """
        @Pipeline
        class ReplyPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract", optional = true) void send(String extract) {}
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }
}
