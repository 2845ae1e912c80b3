package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A step returning ModelRequest must name the type of the model's answer its dependents receive. */
class ModelRequestValidationTest {
  private static final String FIELDS = """
        import dev.braid.runtime.ModelClient;
        import dev.braid.runtime.ModelRequest;

        @Pipeline
        class AnswerPipeline {
          private final ModelClient<String, String> model;
          AnswerPipeline(ModelClient<String, String> model) { this.model = model; }
        """;

  @Test
  void reportsARawModelRequest() {
    JavaFileObject source = source("AnswerPipeline", FIELDS + """
          @SuppressWarnings({"rawtypes", "unchecked"})
          @Step ModelRequest draft(@Input String question) {
            return ModelRequest.of(model, question);
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ModelRequest] @Step draft of AnswerPipeline"
            + " returns a raw ModelRequest, so its dependents cannot be checked against the"
            + " model's answer; write the answer's type, such as ModelRequest<String>.")
        .inFile(source).onLineContaining("@Step ModelRequest draft(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnUnboundedWildcard() {
    JavaFileObject source = source("AnswerPipeline", FIELDS + """
          @Step ModelRequest<?> draft(@Input String question) {
            return ModelRequest.of(model, question);
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ModelRequest] @Step draft of AnswerPipeline"
            + " returns ModelRequest<?>, whose wildcard hides the type of the model's answer that"
            + " its dependents receive; name the type, such as ModelRequest<String>.")
        .inFile(source).onLineContaining("@Step ModelRequest<?> draft(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsABoundedWildcardSuggestingItsBound() {
    JavaFileObject source = source("AnswerPipeline", FIELDS + """
          @Step
          ModelRequest<? extends CharSequence> draft(@Input String question) {
            return ModelRequest.of(model, question);
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ModelRequest] @Step draft of AnswerPipeline"
            + " returns ModelRequest<? extends CharSequence>, whose wildcard hides the type of the"
            + " model's answer that its dependents receive; name the type, such as"
            + " ModelRequest<CharSequence>.")
        .inFile(source).onLineContaining("ModelRequest<? extends CharSequence> draft(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAModelAnswerThatIsAConversationState() {
    JavaFileObject source = source("AnswerPipeline", """
        import dev.braid.runtime.ModelClient;
        import dev.braid.runtime.ModelRequest;

        @Pipeline
        class AnswerPipeline {
          private final ModelClient<String, ConversationState<String>> model;
          AnswerPipeline(ModelClient<String, ConversationState<String>> model) {
            this.model = model;
          }
          @Step
          ModelRequest<ConversationState<String>> ask(@Input String question) {
            return ModelRequest.of(model, question);
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ModelRequest] @Step ask of AnswerPipeline"
            + " returns ModelRequest<ConversationState<String>>, but a model's answer cannot stop"
            + " the run as a ConversationState a step returns does; return the model's own type,"
            + " and the ConversationState from a step that reads this one.")
        .inFile(source).onLineContaining("ModelRequest<ConversationState<String>> ask(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aDependentReadingTheWrongTypeIsToldWhatTheModelAnswers() {
    JavaFileObject source = source("AnswerPipeline", FIELDS + """
          @Step ModelRequest<String> draft(@Input String question) {
            return ModelRequest.of(model, question);
          }
          @Step(dependsOn = "draft")
          Integer count(
              Integer draft) { return draft; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter draft of @Step count"
            + " has type Integer, but step draft returns ModelRequest<String>, whose model answers"
            + " String; change the parameter's type to String or a supertype.")
        .inFile(source).onLineContaining("Integer draft)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aBudgetOnAModelRequestStepAppliesWithoutAStepContext() {
    JavaFileObject source = source("AnswerPipeline", FIELDS + """
          @Step(costBudgetDollars = "$0.01", tokenBudget = 1_000)
          ModelRequest<String> draft(@Input String question) {
            return ModelRequest.of(model, question);
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
  }
}
