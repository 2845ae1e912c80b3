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

  @Test
  void reportsWrapperParametersWithTheWrapperInTheMessage() {
    JavaFileObject source = source("SupportPipeline", """
        @Pipeline
        class SupportPipeline {
          @Step(optional = true) String search(@Input String question) { return question; }
          @Step ConversationState<Integer> count(@Input String question) {
            return ConversationState.complete(question.length());
          }
          @Step(dependsOn = {"search", "count"})
          String draft(
              Optional<Integer> search,
              @From("count") StepOutcome<Long> total) {
            return "" + search + total;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter search of @Step "
            + "draft has type Optional<Integer>, but step search returns String; change the "
            + "parameter's type to Optional<String> or Optional of a supertype.")
        .inFile(source).onLineContaining("Optional<Integer> search,");
    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter total of @Step "
            + "draft has type StepOutcome<Long>, but step count returns "
            + "ConversationState<Integer> with data Integer; change the parameter's type to "
            + "StepOutcome<Integer> or StepOutcome of a supertype.")
        .inFile(source).onLineContaining("StepOutcome<Long> total)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsAWildcardWrapperThatCannotHoldTheOutput() {
    JavaFileObject source = source("SupportPipeline", """
        @Pipeline
        class SupportPipeline {
          @Step int count(@Input String question) { return question.length(); }
          @Step(dependsOn = "count")
          String draft(
              StepOutcome<? extends CharSequence> count) {
            return "" + count;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter count of @Step "
            + "draft has type StepOutcome<? extends CharSequence>, but step count returns int; "
            + "change the parameter's type to StepOutcome<Integer> or StepOutcome of a supertype.")
        .inFile(source).onLineContaining("StepOutcome<? extends CharSequence> count)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsWrappersOfSupertypesAndAnOptionalReturnedAsIs() {
    JavaFileObject source = source("SupportPipeline", """
        @Pipeline
        class SupportPipeline {
          @Step int count(@Input String question) { return question.length(); }
          @Step Optional<String> nickname(@Input String question) { return Optional.empty(); }
          @Step(dependsOn = {"count", "nickname"})
          String draft(Optional<Number> count, StepOutcome<Object> nickname,
              @From("count") StepOutcome<? extends Number> size,
              @From("nickname") Optional<String> plain,
              @From("nickname") StepOutcome<Optional<String>> wrapped) {
            return "" + count + nickname + size + plain + wrapped;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }

  @Test
  void checksTheParametersOfConditionMethodsToo() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract", when = "isTechnical") String escalate() { return ""; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean isTechnical(
              int extract) {
            return extract > 0;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter extract of "
            + "condition method isTechnical has type int, but step extract returns String; "
            + "change the parameter's type to String or a supertype.")
        .inFile(source).onLineContaining("int extract)");
    assertThat(compilation).hadErrorCount(1);
  }
}
