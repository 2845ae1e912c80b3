package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.COMPLEX;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class UnknownFallbackValidationTest {

  @Test
  void reportsAFallbackThatIsNoRoute() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class},
            fallback = String.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, COMPLEX, source);

    assertThat(compilation).hadErrorContaining("[Braid/UnknownFallback] fallback String of "
            + "@Router DocumentRouter is not one of its routes (SimpleDocPipeline and "
            + "ComplexDocPipeline); add it to routes, or fall back to one of them.")
        .inFile(source).onLineContaining("fallback = String.class");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAPipelineThatIsNotListedAsARoute() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class,
            fallback = ComplexDocPipeline.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, COMPLEX, source);

    assertThat(compilation).hadErrorContaining("[Braid/UnknownFallback] fallback "
            + "ComplexDocPipeline of @Router DocumentRouter is not one of its routes "
            + "(SimpleDocPipeline); add it to routes, or fall back to one of them.")
        .inFile(source).onLineContaining("fallback = ComplexDocPipeline.class");
    assertThat(compilation).hadErrorCount(1);
  }
}
