package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ConditionalDependencyValidationTest {

  @Test
  void reportsPlainParametersThatReadAConditionalStep() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step boolean isTechnical(@Input String ticket) { return true; }
          @Step(when = "isTechnical") int escalate() { return 2; }
          @Step(dependsOn = "escalate", when = "isLevelTwo") String page() { return "paged"; }
          @Step(dependsOn = {"escalate", "page"})
          String reply(
              @From("escalate") long level,
              Optional<String> page) {
            return "" + level;
          }

          boolean isLevelTwo(
              int escalate) {
            return escalate == 2;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionalDependency] Parameter level of "
            + "@Step reply has type long, but step escalate runs only when \"isTechnical\" and "
            + "has no value when it is skipped; declare the parameter as Optional<Integer> or "
            + "StepOutcome<Integer>.")
        .inFile(source).onLineContaining("long level,");
    assertThat(compilation).hadErrorContaining("[Braid/ConditionalDependency] Parameter escalate "
            + "of condition method isLevelTwo has type int, but step escalate runs only when "
            + "\"isTechnical\" and has no value when it is skipped; declare the parameter as "
            + "Optional<Integer> or StepOutcome<Integer>.")
        .inFile(source).onLineContaining("int escalate)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void leavesAStepThatIsAlsoOptionalToTheOptionalDependencyRule() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(optional = true, when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate")
          String reply(
              String escalate) {
            return escalate;
          }

          boolean isTechnical() { return true; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalDependency] Parameter escalate of "
            + "@Step reply has type String, but step escalate is optional")
        .inFile(source).onLineContaining("String escalate)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsOptionalAndStepOutcomeReadersOfAConditionalStep() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step boolean isTechnical(@Input String ticket) { return true; }
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate", when = "wasEscalated") String page() { return "paged"; }
          @Step(dependsOn = {"escalate", "page", "isTechnical"})
          String reply(Optional<String> escalate, StepOutcome<String> page, boolean isTechnical) {
            return escalate.orElse("") + page + isTechnical;
          }

          boolean wasEscalated(StepOutcome<String> escalate) { return escalate.isSuccess(); }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }
}
