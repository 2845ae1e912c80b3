package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ConditionSignatureValidationTest {
  /** What a {@code suspend} function takes last, as kapt's stub declares it. */
  private static final JavaFileObject CONTINUATION = JavaFileObjects.forSourceString(
      "kotlin.coroutines.Continuation",
      "package kotlin.coroutines; public interface Continuation<T> {}");

  @Test
  void reportsPrivateAndGenericConditionMethodsOnceEach() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(when = "isTechnical") String page() { return "paged"; }
          @Step(when = "matches") String route() { return "routed"; }
          @Step(dependsOn = {"escalate", "page", "route"})
          String reply(Optional<String> escalate, Optional<String> page, Optional<String> route) {
            return "";
          }

          private boolean isTechnical() { return true; }
          <T> boolean matches() { return true; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionSignature] Condition method "
            + "isTechnical of TriagePipeline is private, so the generated executor cannot call "
            + "it; make it package-private or public.")
        .inFile(source).onLineContaining("private boolean isTechnical()");
    assertThat(compilation).hadErrorContaining("[Braid/ConditionSignature] Condition method "
            + "matches of TriagePipeline declares type parameters, which Braid cannot choose; "
            + "use concrete types instead.")
        .inFile(source).onLineContaining("<T> boolean matches()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsAConditionMethodThatThrowsThrowable() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean isTechnical() throws Throwable { return true; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionSignature] Condition method "
            + "isTechnical of TriagePipeline throws Throwable, a checked throwable that is not an "
            + "Exception, which the generated executor cannot pass on; throw an Exception "
            + "instead, wrapping the Throwable if need be.")
        .inFile(source).onLineContaining("boolean isTechnical()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAStepContextParameterOfAConditionMethod() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean isTechnical(
              StepContext context) {
            return true;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionSignature] Parameter context of "
            + "condition method isTechnical has type StepContext, but a condition is checked "
            + "before its step starts, when there is no StepContext; remove the parameter.")
        .inFile(source).onLineContaining("StepContext context)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAPrivateInputTypeOfAConditionMethod() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          private record Tier(int level) {}

          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean isTechnical(
              @Input Tier tier) {
            return tier.level() > 1;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionSignature] Parameter tier of "
            + "condition method isTechnical has type TriagePipeline.Tier, but TriagePipeline.Tier "
            + "is private, so the generated executor cannot name it; make TriagePipeline.Tier "
            + "package-private or public.")
        .inFile(source).onLineContaining("@Input Tier tier)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsAStaticConditionMethod() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(when = "isTechnical") String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          static boolean isTechnical(@Input String ticket) { return ticket.contains("error"); }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }

  /** kapt's stub of {@code suspend fun isTechnical(@Input ticket: String): Boolean}. */
  @Test
  void reportsASuspendConditionMethodOnce() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        public final class TriagePipeline {
          @Step(when = "isTechnical") public final String escalate() { return "escalated"; }
          @Step(dependsOn = "escalate")
          public final String reply(Optional<String> escalate) { return ""; }

          public final Object isTechnical(@Input String ticket,
              kotlin.coroutines.Continuation<? super Boolean> $completion) {
            return true;
          }
        }
        """);

    Compilation compilation = compile(CONTINUATION, source);

    assertThat(compilation).hadErrorContaining("[Braid/ConditionSignature] Condition method "
            + "isTechnical of TriagePipeline is a suspend function, whose hidden continuation "
            + "parameter Braid cannot supply; remove suspend: it already runs on the virtual "
            + "thread of its step.")
        .inFile(source).onLineContaining("Object isTechnical(");
    assertThat(compilation).hadErrorCount(1);
  }
}
