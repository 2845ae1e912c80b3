package dev.braid.processor.validation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import dev.braid.processor.BraidProcessor;
import dev.braid.processor.testing.RecordingProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RouteNotPipelineValidationTest {

  @Test
  void reportsARouteThatIsNoPipeline() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class,
            String.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteNotPipeline] Route String of @Router "
            + "DocumentRouter is not a @Pipeline class, so it has no executor to run; list only "
            + "@Pipeline classes in routes.")
        .inFile(source).onLineContaining("String.class");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAPrimitiveClassAsARoute() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class,
            int.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteNotPipeline] Route int of @Router "
            + "DocumentRouter is not a @Pipeline class, so it has no executor to run; list only "
            + "@Pipeline classes in routes.")
        .inFile(source).onLineContaining("int.class");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void generatesNothingForARouterWhoseRouteIsAnInvalidPipelineAndLeavesItsErrorsToIt() {
    JavaFileObject broken = source("BrokenPipeline", """
        @Pipeline
        class BrokenPipeline {
          @Step(dependsOn = "missing") String summarize(@Input String text) { return text; }
        }
        """);
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, BrokenPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, SIMPLE, broken, source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency]")
        .inFile(broken).onLineContaining("dependsOn = \"missing\"");
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.sourceNames()).containsExactly("com.acme.SimpleDocPipelineExecutor");
  }
}
