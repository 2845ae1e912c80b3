package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RouterClassValidationTest {

  @Test
  void reportsAnInterface() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        interface DocumentRouter {
          @Route default Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouterClass] @Router DocumentRouter is an "
            + "interface; declare the router as a class.")
        .inFile(source).onLineContaining("interface DocumentRouter");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnAbstractRouter() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        abstract class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouterClass] @Router DocumentRouter is "
            + "abstract, but its executor runs an instance of exactly this class; make it "
            + "concrete.")
        .inFile(source).onLineContaining("abstract class DocumentRouter");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAGenericRouter() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter<T> {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouterClass] @Router DocumentRouter "
            + "declares type parameters, but the route method's types must be known at compile "
            + "time; remove them.")
        .inFile(source).onLineContaining("class DocumentRouter<T>");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAPrivateNestedRouter() {
    JavaFileObject source = source("Outer", """
        class Outer {
          @Router(routes = SimpleDocPipeline.class)
          private static class DocumentRouter {
            @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
          }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouterClass] @Router Outer.DocumentRouter "
            + "is private, so the generated executor beside it cannot use it; make it "
            + "package-private or public.")
        .inFile(source).onLineContaining("class DocumentRouter");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnInnerRouter() {
    JavaFileObject source = source("Outer", """
        class Outer {
          @Router(routes = SimpleDocPipeline.class)
          class DocumentRouter {
            @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
          }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouterClass] @Router Outer.DocumentRouter "
            + "is an inner class, which cannot be created without an instance of Outer; make it "
            + "static.")
        .inFile(source).onLineContaining("class DocumentRouter");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsARouterWithOnlyPrivateConstructors() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          private DocumentRouter() {}
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouterClass] @Router DocumentRouter has "
            + "only private constructors, so it cannot be created; add a constructor that is not "
            + "private.")
        .inFile(source).onLineContaining("class DocumentRouter");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsARouterNestedInAPrivateClass() {
    JavaFileObject source = source("Outer", """
        class Outer {
          private static class Hidden {
            @Router(routes = SimpleDocPipeline.class)
            static class DocumentRouter {
              @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
            }
          }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouterClass] @Router "
            + "Outer.Hidden.DocumentRouter is nested in private class Hidden, so the generated "
            + "executor cannot use it; make Hidden package-private or public.")
        .inFile(source).onLineContaining("class DocumentRouter");
    assertThat(compilation).hadErrorCount(1);
  }
}
