package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class MissingConditionValidationTest {

  @Test
  void suggestsTheNearestStepOrMethodForAMisspeltCondition() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step boolean isUrgent(@Input String ticket) { return ticket.isEmpty(); }
          @Step(when = "isUrgnt") String page() { return "paged"; }
          @Step(when = "isTechnicl") String escalate() { return "escalated"; }
          @Step(dependsOn = {"page", "escalate"})
          String reply(Optional<String> page, Optional<String> escalate) { return ""; }

          boolean isTechnical(@Input String ticket) { return true; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingCondition] @Step page runs when "
            + "\"isUrgnt\", but TriagePipeline has no step or method named \"isUrgnt\"; did you "
            + "mean \"isUrgent\"?")
        .inFile(source).onLineContaining("@Step(when = \"isUrgnt\")");
    assertThat(compilation).hadErrorContaining("[Braid/MissingCondition] @Step escalate runs "
            + "when \"isTechnicl\", but TriagePipeline has no step or method named "
            + "\"isTechnicl\"; did you mean \"isTechnical\"?")
        .inFile(source).onLineContaining("@Step(when = \"isTechnicl\")");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void asksForABooleanStepOrMethodWhenNoNameIsClose() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(when = "weekend") String page() { return "paged"; }
          @Step(dependsOn = "page") String reply(Optional<String> page) { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingCondition] @Step page runs when "
            + "\"weekend\", but TriagePipeline has no step or method named \"weekend\"; name a "
            + "step or a method of TriagePipeline that returns boolean.")
        .inFile(source).onLineContaining("@Step(when = \"weekend\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void pointsFromAStepsMethodNameToItsStepName() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(name = "technical") boolean isTechnical(@Input String ticket) { return true; }
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingCondition] @Step escalate runs "
            + "when \"isTechnical\", but method isTechnical of TriagePipeline is @Step "
            + "technical, and when names a step by its step name; did you mean \"technical\"?")
        .inFile(source).onLineContaining("@Step(when = \"isTechnical\")");
    assertThat(compilation).hadErrorCount(1);
  }

  /** kapt's stub of {@code internal fun isUrgent(...)} in module {@code shop-app}. */
  @Test
  void explainsAnInternalKotlinConditionMethod() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        public final class TriagePipeline {
          @Step(when = "isUrgent") public final String page() { return "paged"; }
          @Step(dependsOn = "page")
          public final String reply(Optional<String> page) { return ""; }

          public final boolean isUrgent$shop_app(@Input String ticket) { return true; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingCondition] @Step page runs when "
            + "\"isUrgent\", but TriagePipeline has no step or method named \"isUrgent\"; method "
            + "isUrgent$shop_app is an internal Kotlin function, whose JVM name carries its "
            + "module's name; make isUrgent public.")
        .inFile(source).onLineContaining("@Step(when = \"isUrgent\")");
    assertThat(compilation).hadErrorCount(1);
  }
}
