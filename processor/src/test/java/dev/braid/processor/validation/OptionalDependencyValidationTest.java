package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class OptionalDependencyValidationTest {

  @Test
  void reportsPlainParametersThatReadAnOptionalStepByNameOrFrom() {
    JavaFileObject source = source("ReplyPipeline", """
        @Pipeline
        class ReplyPipeline {
          record Profile(String name) {}

          @Step(optional = true) Profile enrich(@Input String customer) {
            return new Profile(customer);
          }
          @Step(optional = true) int score(@Input String customer) { return customer.length(); }
          @Step(dependsOn = {"enrich", "score"})
          String draft(
              Profile enrich,
              @From("score") long points) {
            return enrich.name() + points;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalDependency] Parameter enrich of "
            + "@Step draft has type ReplyPipeline.Profile, but step enrich is optional and has no "
            + "value when it fails; declare the parameter as Optional<ReplyPipeline.Profile> or "
            + "StepOutcome<ReplyPipeline.Profile>.")
        .inFile(source).onLineContaining("Profile enrich,");
    assertThat(compilation).hadErrorContaining("[Braid/OptionalDependency] Parameter points of "
            + "@Step draft has type long, but step score is optional and has no value when it "
            + "fails; declare the parameter as Optional<Integer> or StepOutcome<Integer>.")
        .inFile(source).onLineContaining("long points)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void asksForAnotherWrapperWhenTheOptionalStepItselfReturnsAnOptional() {
    JavaFileObject source = source("ReplyPipeline", """
        @Pipeline
        class ReplyPipeline {
          @Step(optional = true) Optional<String> nickname(@Input String customer) {
            return Optional.of(customer);
          }
          @Step(dependsOn = "nickname")
          String draft(
              Optional<String> nickname) {
            return nickname.orElse("");
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalDependency] Parameter nickname of "
            + "@Step draft has type Optional<String>, but step nickname is optional and has no "
            + "value when it fails; declare the parameter as Optional<Optional<String>> or "
            + "StepOutcome<Optional<String>>.")
        .inFile(source).onLineContaining("Optional<String> nickname)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsOptionalAndStepOutcomeParameters() {
    JavaFileObject source = source("ReplyPipeline", """
        @Pipeline
        class ReplyPipeline {
          @Step(optional = true) String enrich(@Input String customer) { return customer; }
          @Step(optional = true) int score(@Input String customer) { return customer.length(); }
          @Step(dependsOn = {"enrich", "score"})
          String draft(Optional<String> enrich, StepOutcome<Integer> score,
              @From("enrich") Optional<? extends CharSequence> text,
              @From("score") StepOutcome<Number> points) {
            return enrich.orElse("") + score + text + points;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }

  @Test
  void reportsAPlainParameterOfAConditionMethodThatReadsAnOptionalStep() {
    JavaFileObject source = source("ReplyPipeline", """
        @Pipeline
        class ReplyPipeline {
          @Step(optional = true) int score(@Input String customer) { return customer.length(); }
          @Step(dependsOn = "score", when = "isHigh") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate") String draft(Optional<String> escalate) { return ""; }

          boolean isHigh(
              int score) {
            return score > 10;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalDependency] Parameter score of "
            + "condition method isHigh has type int, but step score is optional and has no value "
            + "when it fails; declare the parameter as Optional<Integer> or "
            + "StepOutcome<Integer>.")
        .inFile(source).onLineContaining("int score)");
    assertThat(compilation).hadErrorCount(1);
  }
}
