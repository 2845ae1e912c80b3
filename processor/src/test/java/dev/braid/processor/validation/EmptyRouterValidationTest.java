package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class EmptyRouterValidationTest {

  @Test
  void reportsARouterWithoutRoutes() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(
            routes = {})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/EmptyRouter] @Router DocumentRouter lists "
            + "no routes; name the @Pipeline classes it chooses from in routes.")
        .inFile(source).onLineContaining("routes = {}");
    assertThat(compilation).hadErrorCount(1);
  }
}
