package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.COMPLEX;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RouteMethodValidationTest {

  @Test
  void reportsARouterWithoutRouteMethod() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteMethod] @Router DocumentRouter has no "
            + "@Route method; annotate the method that returns the class of the pipeline to run "
            + "with @Route.")
        .inFile(source).onLineContaining("@Router(routes = SimpleDocPipeline.class)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsEveryRouteMethodAfterTheFirst() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
          @Route Class<?> pick(@Input String text) { return ComplexDocPipeline.class; }
          @Route Class<?> choose(@Input String text) { return ComplexDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, COMPLEX, source);

    String message = "[Braid/RouteMethod] @Router DocumentRouter has 3 @Route methods (route, "
        + "pick and choose), but it calls exactly one; keep @Route on one of them.";
    assertThat(compilation).hadErrorContaining(message)
        .inFile(source).onLineContaining("Class<?> pick(");
    assertThat(compilation).hadErrorContaining(message)
        .inFile(source).onLineContaining("Class<?> choose(");
    assertThat(compilation).hadErrorCount(2);
  }
}
