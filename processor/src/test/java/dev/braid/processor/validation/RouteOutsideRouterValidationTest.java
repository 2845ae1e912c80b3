package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RouteOutsideRouterValidationTest {

  @Test
  void reportsARouteMethodInAClassWithoutRouter() {
    JavaFileObject source = source("Dispatcher", """
        class Dispatcher {
          @Route Class<?> route(@Input String text) { return String.class; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteOutsideRouter] @Route method route is "
            + "in Dispatcher, which is not a @Router class; annotate Dispatcher with @Router or "
            + "remove @Route.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsARouteMethodInAPipeline() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Route Class<?> route(@Input String ticket) { return TicketPipeline.class; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteOutsideRouter] @Route method route is "
            + "in TicketPipeline, which is not a @Router class; annotate TicketPipeline with "
            + "@Router or remove @Route.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorCount(1);
  }
}
