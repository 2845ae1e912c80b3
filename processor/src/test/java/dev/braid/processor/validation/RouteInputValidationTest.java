package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.COMPLEX;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RouteInputValidationTest {

  @Test
  void reportsARouteInputTheRouteMethodDoesNotDeclare() {
    JavaFileObject translating = source("TranslatingPipeline", """
        @Pipeline
        class TranslatingPipeline {
          @Step String translate(@Input String text, @Input("target-language") String language) {
            return language + ": " + text;
          }
        }
        """);
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, TranslatingPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, translating, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteInput] Route TranslatingPipeline of "
            + "@Router DocumentRouter takes input target-language, which route method route of "
            + "DocumentRouter does not declare; add a parameter @Input(\"target-language\") "
            + "String input to route.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnInputWhoseTypeDiffersFromARoutes() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(
              @Input CharSequence text) {
            return SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compile(SIMPLE, COMPLEX, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteInput] Input text has type "
            + "CharSequence in route method route of DocumentRouter but String in route "
            + "SimpleDocPipeline; declare it with the same type in both.")
        .inFile(source).onLineContaining("CharSequence text");
    assertThat(compilation).hadErrorContaining("[Braid/RouteInput] Input text has type "
            + "CharSequence in route method route of DocumentRouter but String in route "
            + "ComplexDocPipeline; declare it with the same type in both.")
        .inFile(source).onLineContaining("CharSequence text");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void acceptsRouterInputsThatNoRouteTakes() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input boolean premium, @Input String text) {
            return premium ? ComplexDocPipeline.class : SimpleDocPipeline.class;
          }
        }
        """);

    Compilation compilation = compile(SIMPLE, COMPLEX, source);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.DocumentRouterExecutor")
        .contentsAsUtf8String()
        .contains("public PipelineResult<String> execute(boolean premium, String text)");
  }

  @Test
  void suggestsAParameterNamedLikeTheInput() {
    JavaFileObject translating = source("TranslatingPipeline", """
        @Pipeline
        class TranslatingPipeline {
          @Step String translate(@Input String text, @Input java.util.Locale language) {
            return language + ": " + text;
          }
        }
        """);
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = TranslatingPipeline.class)
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return TranslatingPipeline.class; }
        }
        """);

    Compilation compilation = compile(translating, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteInput] Route TranslatingPipeline of "
            + "@Router DocumentRouter takes input language, which route method route of "
            + "DocumentRouter does not declare; add a parameter @Input Locale language to route.")
        .inFile(source).onLineContaining("Class<?> route(");
    assertThat(compilation).hadErrorCount(1);
  }
}
