package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.COMPLEX;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DuplicateRouteValidationTest {

  @Test
  void reportsTheSecondListingOfARoute() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class,
            SimpleDocPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, COMPLEX, source);

    assertThat(compilation).hadErrorContaining("[Braid/DuplicateRoute] Route SimpleDocPipeline is "
            + "listed twice in routes of @Router DocumentRouter; remove one of the entries.")
        .inFile(source).onLineContaining("    SimpleDocPipeline.class})");
    assertThat(compilation).hadErrorCount(1);
  }
}
