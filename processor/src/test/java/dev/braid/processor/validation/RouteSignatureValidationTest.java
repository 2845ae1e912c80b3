package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.COMPLEX;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RouteSignatureValidationTest {

  private static Compilation compileRouter(JavaFileObject router) {
    return compile(SIMPLE, COMPLEX, router);
  }

  @Test
  void reportsAPrivateRouteMethod() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route private Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Route method route of "
            + "DocumentRouter is private, so the generated executor cannot call it; make it "
            + "package-private or public.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsASuspendRouteMethod() {
    JavaFileObject continuation = JavaFileObjects.forSourceString(
        "kotlin.coroutines.Continuation",
        "package kotlin.coroutines; public interface Continuation<T> {}");
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text,
              kotlin.coroutines.Continuation<? super Class<?>> $completion) {
            return SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compile(SIMPLE, COMPLEX, continuation, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Parameter $completion of "
            + "route method route of DocumentRouter is the continuation of a suspend function, "
            + "which Braid cannot supply; remove suspend: the route method already runs on a "
            + "virtual thread of its own.")
        .inFile(source).onLineContaining("$completion");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAStaticRouteMethod() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route static Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Route method route of "
            + "DocumentRouter is static, but the executor calls it on the router instance; remove "
            + "the static modifier.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAGenericRouteMethod() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route <T> Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Route method route of "
            + "DocumentRouter declares type parameters, which Braid cannot choose; use concrete "
            + "types instead.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsARouteMethodThatThrowsThrowable() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text) throws Throwable {
            return SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Route method route of "
            + "DocumentRouter throws Throwable, a checked throwable that is not an Exception, "
            + "which the generated executor cannot pass on; throw an Exception instead, wrapping "
            + "the Throwable if need be.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsARouteMethodThatReturnsNoClass() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route String route(@Input String text) { return "simple"; }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Route method route of "
            + "DocumentRouter returns String, but a route method returns the class of the "
            + "pipeline to run; declare it to return Class<?>.")
        .inFile(source).onLineContaining("String route(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsABoundedClass() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class})
        class DocumentRouter {
          @Route Class<? extends Object> route(@Input String text, StepContext context) {
            return text.isEmpty() ? SimpleDocPipeline.class : ComplexDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.DocumentRouterExecutor");
  }

  @Test
  void reportsAParameterThatIsNeitherAnInputNorTheContext() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text,
              int pages) {
            return SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Parameter pages of route "
            + "method route of DocumentRouter is neither an @Input nor the StepContext; annotate "
            + "it @Input to make it an input of the router, or remove it.")
        .inFile(source).onLineContaining("int pages");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAParameterWithFrom() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text,
              @From("outline") String outline) {
            return SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Parameter outline of route "
            + "method route of DocumentRouter has @From, but a router has no steps to read; "
            + "annotate it @Input to make it an input of the router instead.")
        .inFile(source).onLineContaining("String outline");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAParameterWithInputAndFrom() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text,
              @Input @From("outline") String outline) {
            return SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Parameter outline of route "
            + "method route of DocumentRouter has both @Input and @From, but a router has no "
            + "steps to read; remove @From.")
        .inFile(source).onLineContaining("String outline");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsTwoParametersReadingOneInput() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text,
              @Input("text") String again) {
            return SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Parameter again of route "
            + "method route of DocumentRouter reads input text, as parameter text does; remove "
            + "one of them.")
        .inFile(source).onLineContaining("String again");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnInputOfAPrivateType() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        class DocumentRouter {
          private record Tier(String name) {}

          @Route Class<?> route(@Input String text,
              @Input Tier tier) {
            return SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Parameter tier of route "
            + "method route of DocumentRouter has type DocumentRouter.Tier, but DocumentRouter.Tier "
            + "is private, so the generated executor cannot name it; make DocumentRouter.Tier "
            + "package-private or public.")
        .inFile(source).onLineContaining("Tier tier");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnAbstractRouteMethod() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class)
        abstract class DocumentRouter {
          @Route abstract Class<?> route(@Input String text);
        }
        """);

    Compilation compilation = compileRouter(source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteSignature] Route method route of "
            + "DocumentRouter is abstract, so it has no code to run; give it a body.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorContaining("[Braid/RouterClass] @Router DocumentRouter is "
            + "abstract")
        .inFile(source).onLineContaining("abstract class DocumentRouter");
    assertThat(compilation).hadErrorCount(2);
  }
}
