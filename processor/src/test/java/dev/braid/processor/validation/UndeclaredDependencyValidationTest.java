package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class UndeclaredDependencyValidationTest {

  @Test
  void reportsAParameterNamedAfterAStepMissingFromDependsOn() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(output = true)
          String classify(
              String extract) {
            return extract;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UndeclaredDependency] Parameter extract of "
            + "@Step classify reads step extract, which is not in its dependsOn; add \"extract\" "
            + "to the dependsOn of @Step classify.")
        .inFile(source).onLineContaining("String extract)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAFromNamingAStepMissingFromDependsOn() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step String translate(@Input String ticket) { return ticket; }
          @Step(dependsOn = "translate", output = true)
          String classify(String translate,
              @From("extract") String entities) {
            return entities + translate;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UndeclaredDependency] Parameter entities "
            + "of @Step classify reads step extract through @From, which is not in its "
            + "dependsOn; add \"extract\" to the dependsOn of @Step classify.")
        .inFile(source).onLineContaining("String entities)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAConditionMethodReadingAStepItsConditionalStepDoesNotDependOn() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(when = "isTechnical") String escalate() { return ""; }
          @Step(dependsOn = "extract", when = "isTechnical") String page() { return ""; }
          @Step(dependsOn = {"escalate", "page"})
          String reply(Optional<String> escalate, Optional<String> page) { return ""; }

          boolean isTechnical(
              @From("extract") String text) {
            return text.contains("error");
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UndeclaredDependency] Parameter text of "
            + "condition method isTechnical reads step extract through @From, but @Step escalate, "
            + "whose when names isTechnical, does not depend on it; add \"extract\" to the "
            + "dependsOn of @Step escalate.")
        .inFile(source).onLineContaining("String text)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAConditionMethodReadingItsOwnConditionalStep() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(when = "isTechnical") String escalate() { return ""; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean isTechnical(
              StepOutcome<String> escalate) {
            return escalate.isSkipped();
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UndeclaredDependency] Parameter escalate "
            + "of condition method isTechnical reads step escalate, but isTechnical is the "
            + "condition of @Step escalate, which has not run yet when it is checked; read only "
            + "steps that escalate depends on.")
        .inFile(source).onLineContaining("StepOutcome<String> escalate)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void letsAStepReadTheConditionStepItsWhenNames() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step boolean isTechnical(@Input String ticket) { return true; }
          @Step(when = "isTechnical") String escalate(boolean isTechnical) { return ""; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }
}
