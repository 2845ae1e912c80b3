package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class TypeMismatchValidationTest {

  @Test
  void reportsAParameterThatCannotHoldTheDependencysOutput() {
    JavaFileObject source = source("SupportPipeline", """
        @Pipeline
        class SupportPipeline {
          record Article(String title) {}

          @Step List<Article> search(@Input String question) { return List.of(); }
          @Step(dependsOn = "search")
          String draft(
              @From("search") String articles) {
            return articles;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter articles of @Step "
            + "draft has type String, but step search returns List<SupportPipeline.Article>; "
            + "change the parameter's type to List<SupportPipeline.Article> or a supertype.")
        .inFile(source).onLineContaining("String articles");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsTheDataTypeOfAConversationalStep() {
    JavaFileObject source = source("SupportPipeline", """
        @Pipeline
        class SupportPipeline {
          record Reply(String text) {}

          @Step ConversationState<Reply> check(@Input String question) {
            return ConversationState.complete(new Reply(question));
          }
          @Step(dependsOn = "check")
          String send(
              Integer check) {
            return "";
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter check of @Step "
            + "send has type Integer, but step check returns "
            + "ConversationState<SupportPipeline.Reply> with data SupportPipeline.Reply; change "
            + "the parameter's type to SupportPipeline.Reply or a supertype.")
        .inFile(source).onLineContaining("Integer check");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsGenericTypesThatDifferOnlyInTheirArguments() {
    JavaFileObject source = source("SupportPipeline", """
        @Pipeline
        class SupportPipeline {
          @Step List<Integer> count(@Input String question) { return List.of(); }
          @Step(dependsOn = "count")
          int total(
              List<Number> count) {
            return count.size();
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter count of @Step "
            + "total has type List<Number>, but step count returns List<Integer>; change the "
            + "parameter's type to List<Integer> or a supertype.")
        .inFile(source).onLineContaining("List<Number> count");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsBoxingUnboxingWideningAndSupertypes() {
    JavaFileObject source = source("SupportPipeline", """
        @Pipeline
        class SupportPipeline {
          @Step int count(@Input String question) { return question.length(); }
          @Step java.util.ArrayList<String> words(@Input String question) {
            return new java.util.ArrayList<>(List.of(question.split(" ")));
          }
          @Step(dependsOn = {"count", "words"})
          long total(Integer count, List<String> words) { return count + words.size(); }
          @Step(dependsOn = {"count", "total"})
          Object report(long count, Long total) { return count + total; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }
}
