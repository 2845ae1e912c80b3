package dev.braid.processor.model;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.processor.testing.BraidCompiler.source;

import dev.braid.processor.model.PipelineModel.DependencyRead;
import dev.braid.processor.testing.ModelProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyFormTest {

  /** Each parameter of {@code read} as "KIND argument", by parameter name. */
  private static Map<String, String> forms() {
    Map<String, String> forms = new LinkedHashMap<>();
    ModelProbe.probe(pipeline -> {
      for (DependencyRead read : pipeline.dependencyReads()) {
        DependencyForm form = read.form();
        forms.put(read.parameter().name(), form.kind() + " " + form.argument());
      }
    }, source("FormPipeline", """
        @Pipeline
        class FormPipeline {
          @Step String text(@Input String in) { return in; }
          @Step int number(@Input String in) { return 1; }
          @Step Optional<String> maybe(@Input String in) { return Optional.empty(); }
          @Step ConversationState<Optional<String>> chat(@Input String in) { return null; }
          @Step(dependsOn = {"text", "number", "maybe", "chat"})
          String read(
              String text,
              @From("text") Optional<String> optionalText,
              @From("number") StepOutcome<Integer> numberOutcome,
              @From("text") Optional<? extends CharSequence> wildcard,
              @From("text") StepOutcome<?> unbounded,
              Optional<String> maybe,
              @From("maybe") Optional<Optional<String>> nested,
              @From("maybe") StepOutcome<Optional<String>> outcomeOfOptional,
              Optional<String> chat,
              @From("chat") Optional<? extends Optional<String>> wildcardNested) {
            return "";
          }
        }
        """));
    return forms;
  }

  @Test
  void readsPlainTypesAndOptionalsThatTheStepReturnsAsValues() {
    Map<String, String> forms = forms();

    assertThat(forms).containsEntry("text", "VALUE null");
    assertThat(forms).containsEntry("maybe", "VALUE null");
    assertThat(forms).containsEntry("chat", "VALUE null");
  }

  @Test
  void wrapsWhenTheParameterNestsOneWrapperDeeperThanTheOutput() {
    Map<String, String> forms = forms();

    assertThat(forms).containsEntry("optionalText", "OPTIONAL java.lang.String");
    assertThat(forms).containsEntry("numberOutcome", "OUTCOME java.lang.Integer");
    assertThat(forms).containsEntry("nested", "OPTIONAL java.util.Optional<java.lang.String>");
    assertThat(forms).containsEntry(
        "outcomeOfOptional", "OUTCOME java.util.Optional<java.lang.String>");
  }

  @Test
  void leavesTheArgumentOfAWildcardWrapperToTheOutputType() {
    Map<String, String> forms = forms();

    assertThat(forms).containsEntry("wildcard", "OPTIONAL null");
    assertThat(forms).containsEntry("unbounded", "OUTCOME null");
    assertThat(forms).containsEntry("wildcardNested", "OPTIONAL null");
  }
}
