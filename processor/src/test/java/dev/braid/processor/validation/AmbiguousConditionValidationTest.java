package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class AmbiguousConditionValidationTest {

  @Test
  void reportsAConditionNamingBothAStepAndAMethod() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(name = "isTechnical") boolean classify(@Input String ticket) { return true; }
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean isTechnical(@Input String ticket) { return false; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/AmbiguousCondition] @Step escalate runs "
            + "when \"isTechnical\", but TriagePipeline has both a step and a method named "
            + "\"isTechnical\"; rename one of them so that when names exactly one.")
        .inFile(source).onLineContaining("@Step(when = \"isTechnical\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAConditionNamingOverloadedMethods() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean isTechnical(@Input String ticket) { return false; }
          boolean isTechnical(@Input int priority) { return false; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/AmbiguousCondition] @Step escalate runs "
            + "when \"isTechnical\", but TriagePipeline has 2 methods named \"isTechnical\"; "
            + "rename all but one so that when names exactly one.")
        .inFile(source).onLineContaining("@Step(when = \"isTechnical\")");
    assertThat(compilation).hadErrorCount(1);
  }
}
