package dev.braid.processor.validation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import dev.braid.processor.BraidProcessor;
import dev.braid.processor.testing.RecordingProcessor;
import dev.braid.processor.testing.RouterSources;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class MultipleErrorsValidationTest {

  @Test
  void reportsEveryErrorOfAPipelineInOneCompileAndStillGeneratesTheValidOne() {
    JavaFileObject bad = source("BadPipeline", """
        @Pipeline(timeout = "soon")
        class BadPipeline {
          @Step(dependsOn = "b") String a(@Input String ticket) { return ticket; }
          @Step(dependsOn = "a") String b(
              @From("a") Integer count) {
            return "" + count;
          }
          @Step(dependsOn = "zz") String c() { return ""; }
        }
        """);
    JavaFileObject good = source("GoodPipeline", """
        @Pipeline
        class GoodPipeline {
          @Step String hello(@Input String name) { return "Hello, " + name; }
        }
        """);

    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, bad, good);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] timeout \"soon\" of @Pipeline "
            + "BadPipeline is not a duration")
        .inFile(bad).onLineContaining("@Pipeline(timeout = \"soon\")");
    assertThat(compilation).hadErrorContaining("[Braid/DependencyCycle] Steps of BadPipeline form "
            + "a dependency cycle:")
        .inFile(bad).onLineContaining("String a(");
    assertThat(compilation).hadErrorContaining("[Braid/TypeMismatch] Parameter count of @Step b "
            + "has type Integer, but step a returns String")
        .inFile(bad).onLineContaining("Integer count)");
    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] @Step c depends on "
            + "\"zz\", but BadPipeline has no step named \"zz\"")
        .inFile(bad).onLineContaining("String c()");
    assertThat(compilation).hadErrorCount(4);
    assertThat(processor.sourceNames()).containsExactly("com.acme.GoodPipelineExecutor");
  }

  @Test
  void reportsTheRunTimeSettingRulesTogetherWithTheOthers() {
    JavaFileObject bad = source("BadPipeline", """
        @Pipeline(deadline = "never")
        class BadPipeline {
          @Step(optional = true, retryOn = IllegalStateException.class,
              abortOn = RuntimeException.class)
          String a(@Input String ticket) { return ticket; }
          @Step(dependsOn = {"a", "zz"}, optional = true, output = true)
          String b(
              String a) {
            return a;
          }
        }
        """);

    Compilation compilation = compile(bad);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] deadline \"never\" of "
            + "@Pipeline BadPipeline is not a duration")
        .inFile(bad).onLineContaining("@Pipeline(deadline = \"never\")");
    assertThat(compilation).hadErrorContaining("[Braid/RetryPolicy] @Step a lists "
            + "IllegalStateException in retryOn, but abortOn lists its superclass RuntimeException")
        .inFile(bad).onLineContaining("abortOn = RuntimeException.class");
    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] @Step b depends on "
            + "\"zz\"")
        .inFile(bad).onLineContaining("dependsOn = {\"a\", \"zz\"}");
    assertThat(compilation).hadErrorContaining("[Braid/OptionalDependency] Parameter a of @Step b "
            + "has type String, but step a is optional")
        .inFile(bad).onLineContaining("String a)");
    assertThat(compilation).hadErrorContaining("[Braid/OptionalOutput] @Step b is the output of "
            + "BadPipeline but is marked optional = true")
        .inFile(bad).onLineContaining("optional = true, output = true)");
    assertThat(compilation).hadErrorCount(5);
  }

  @Test
  void reportsEveryErrorOfARouterInOneCompile() {
    JavaFileObject router = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, CountingPipeline.class},
            fallback = ComplexDocPipeline.class)
        class DocumentRouter {
          @Route private Class<?> route(@Input String text,
              int pages) {
            return SimpleDocPipeline.class;
          }
        }
        """);
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, RouterSources.SIMPLE, RouterSources.COMPLEX,
        RouterSources.COUNTING, router);

    assertThat(compilation).hadErrorContaining("[Braid/UnknownFallback]")
        .inFile(router).onLineContaining("fallback = ComplexDocPipeline.class");
    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Route method route of "
            + "DocumentRouter is private")
        .inFile(router).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Parameter pages")
        .inFile(router).onLineContaining("int pages");
    assertThat(compilation).hadErrorContaining("[Braid/RouteOutputMismatch]")
        .inFile(router).onLineContaining("routes = {SimpleDocPipeline.class");
    assertThat(compilation).hadErrorCount(4);
    assertThat(processor.sourceNames()).containsExactly("com.acme.SimpleDocPipelineExecutor",
        "com.acme.ComplexDocPipelineExecutor", "com.acme.CountingPipelineExecutor");
  }
}
