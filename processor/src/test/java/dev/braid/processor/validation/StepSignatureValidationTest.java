package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class StepSignatureValidationTest {
  /** What a {@code suspend} function takes last, as kapt's stub declares it. */
  private static final JavaFileObject CONTINUATION = JavaFileObjects.forSourceString(
      "kotlin.coroutines.Continuation",
      "package kotlin.coroutines; public interface Continuation<T> {}");

  @Test
  void reportsEachProblemOfAPrivateStaticStepSeparately() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step
          private static String extract(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step extract of "
            + "TicketPipeline is private, so the generated executor cannot call it; make it "
            + "package-private or public.")
        .inFile(source).onLineContaining("String extract(");
    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step extract of "
            + "TicketPipeline is static, but steps run on the pipeline instance; remove the static "
            + "modifier.")
        .inFile(source).onLineContaining("String extract(");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsAGenericStep() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step
          <T> List<T> extract(@Input String ticket) { return List.of(); }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step extract of "
            + "TicketPipeline declares type parameters, which Braid cannot choose; use concrete "
            + "types instead.")
        .inFile(source).onLineContaining("List<T> extract(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAStepThatThrowsACheckedThrowableButNoException() {
    JavaFileObject source = source("FetchPipeline", """
        @Pipeline
        class FetchPipeline {
          @Step String load(@Input String url) throws Throwable { return url; }
          @Step(dependsOn = "load")
          String parse(String load) throws java.io.IOException, Error, Failure { return load; }

          static class Failure extends Throwable {}
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step load of "
            + "FetchPipeline throws Throwable, a checked throwable that is not an Exception, "
            + "which the generated executor cannot pass on; throw an Exception instead, wrapping "
            + "the Throwable if need be.")
        .inFile(source).onLineContaining("String load(");
    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step parse of "
            + "FetchPipeline throws FetchPipeline.Failure, a checked throwable that is not an "
            + "Exception, which the generated executor cannot pass on; throw an Exception "
            + "instead, wrapping the FetchPipeline.Failure if need be.")
        .inFile(source).onLineContaining("String parse(");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsAnAbstractStepBesideItsAbstractClass() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        abstract class TicketPipeline {
          @Step
          abstract String extract(@Input String ticket);
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step extract of "
            + "TicketPipeline is abstract, so it has no code to run; give it a body.")
        .inFile(source).onLineContaining("String extract(");
    assertThat(compilation).hadErrorContaining("[Braid/PipelineClass] @Pipeline TicketPipeline is "
            + "abstract, but its executor runs an instance of exactly this class; make it "
            + "concrete.")
        .inFile(source).onLineContaining("abstract class TicketPipeline");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsPrivateTypesThatTheExecutorWouldHaveToName() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          private record Secret(String text) {}
          private record Internal(String text) {}

          @Step
          List<Secret> extract(
              @Input Internal ticket) {
            return List.of();
          }
          @Step(dependsOn = "extract", output = true)
          int count(List<Secret> extract) { return extract.size(); }
          @Step(dependsOn = "extract") Internal unread() { return null; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] Parameter ticket of @Step "
            + "extract has type TicketPipeline.Internal, but TicketPipeline.Internal is private, so "
            + "the generated executor cannot name it; make TicketPipeline.Internal package-private "
            + "or public.")
        .inFile(source).onLineContaining("@Input Internal ticket");
    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step extract of "
            + "TicketPipeline returns List<TicketPipeline.Secret>, but TicketPipeline.Secret is "
            + "private, so the generated executor cannot name it; make TicketPipeline.Secret "
            + "package-private or public.")
        .inFile(source).onLineContaining("List<Secret> extract(");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsAPrivateOutputThatNoStepReadsOfADurablePipeline() {
    JavaFileObject source = source("AuditPipeline", """
        @Pipeline(durable = true)
        class AuditPipeline {
          @Step Snapshot snapshot(@Input String id) { return new Snapshot(id); }
          @Step(dependsOn = "snapshot") String report(@Input String id) { return id; }

          private record Snapshot(String id) {}
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step snapshot of "
            + "AuditPipeline returns AuditPipeline.Snapshot, but AuditPipeline.Snapshot is "
            + "private, so the generated executor cannot name it; make AuditPipeline.Snapshot "
            + "package-private or public.")
        .inFile(source).onLineContaining("Snapshot snapshot(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAPrivateTypeArgumentOfAWrapperParameterOnceAndOnTheParameter() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          private interface Named { String name(); }
          record Customer(String name) implements Named {}
          private record Secret(String text) {}

          @Step(optional = true) Customer lookup(@Input String ticket) { return null; }
          @Step(optional = true) Secret hide(@Input String ticket) { return null; }
          @Step(dependsOn = {"lookup", "hide"})
          String reply(
              @From("lookup") Optional<Named> customer,
              Optional<Secret> hide) {
            return "";
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] Parameter customer of @Step "
            + "reply has type Optional<TicketPipeline.Named>, but TicketPipeline.Named is private, "
            + "so the generated executor cannot name it; make TicketPipeline.Named "
            + "package-private or public.")
        .inFile(source).onLineContaining("Optional<Named> customer,");
    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step hide of "
            + "TicketPipeline returns TicketPipeline.Secret, but TicketPipeline.Secret is "
            + "private")
        .inFile(source).onLineContaining("Secret hide(");
    assertThat(compilation).hadErrorCount(2);
  }

  /** kapt's stub of {@code suspend fun extract(@Input ticket: String): String}. */
  @Test
  void reportsASuspendStepOnceAndReadsItsOutputFromTheContinuation() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        public final class TicketPipeline {
          @Step
          public final Object extract(@Input String ticket,
              kotlin.coroutines.Continuation<? super String> $completion) {
            return ticket;
          }
          @Step(dependsOn = "extract")
          public final String reply(String extract) { return extract; }
        }
        """);

    Compilation compilation = compile(CONTINUATION, source);

    assertThat(compilation).hadErrorContaining("[Braid/StepSignature] @Step extract of "
            + "TicketPipeline is a suspend function, whose hidden continuation parameter Braid "
            + "cannot supply; remove suspend: each step already runs on a virtual thread of its "
            + "own.")
        .inFile(source).onLineContaining("Object extract(");
    assertThat(compilation).hadErrorCount(1);
  }
}
