package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ConditionTypeValidationTest {

  @Test
  void reportsConditionsThatDoNotReturnBoolean() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step String classify(@Input String ticket) { return ticket; }
          @Step ConversationState<Boolean> confirm() { return ConversationState.complete(true); }
          @Step(when = "classify") String escalate() { return "escalated"; }
          @Step(when = "confirm") String refund() { return "refunded"; }
          @Step(when = "priority") String page() { return "paged"; }
          @Step(dependsOn = {"escalate", "refund", "page"})
          String reply(Optional<String> escalate, Optional<String> refund,
              Optional<String> page) {
            return "";
          }

          int priority(@Input String ticket) { return 1; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionType] @Step escalate runs when "
            + "\"classify\", but step classify returns String, not boolean; return boolean or "
            + "Boolean from classify, or name another condition.")
        .inFile(source).onLineContaining("@Step(when = \"classify\")");
    assertThat(compilation).hadErrorContaining("[Braid/ConditionType] @Step refund runs when "
            + "\"confirm\", but step confirm returns ConversationState<Boolean>, not boolean; "
            + "return boolean or Boolean from confirm, or name another condition.")
        .inFile(source).onLineContaining("@Step(when = \"confirm\")");
    assertThat(compilation).hadErrorContaining("[Braid/ConditionType] @Step page runs when "
            + "\"priority\", but method priority returns int, not boolean; return boolean or "
            + "Boolean from priority, or name another condition.")
        .inFile(source).onLineContaining("@Step(when = \"priority\")");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void acceptsBooleanAndBoxedBooleanConditions() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step boolean isTechnical(@Input String ticket) { return true; }
          @Step Boolean isUrgent(@Input String ticket) { return null; }
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(when = "isUrgent") String page() { return "paged"; }
          @Step(when = "isWeekend") String defer() { return "deferred"; }
          @Step(when = "isVip") String greet() { return "hello"; }
          @Step(dependsOn = {"escalate", "page", "defer", "greet"})
          String reply(Optional<String> escalate, Optional<String> page, Optional<String> defer,
              Optional<String> greet) {
            return "";
          }

          boolean isWeekend() { return false; }
          Boolean isVip(@Input String ticket) { return null; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }
}
