package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.COUNTING;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RouteOutputMismatchValidationTest {

  @Test
  void listsEveryRouteWithItsOutputType() {
    JavaFileObject listing = source("ListingPipeline", """
        @Pipeline
        class ListingPipeline {
          @Step List<String> list(@Input String text) { return List.of(text); }
        }
        """);
    JavaFileObject source = source("DocumentRouter", """
        @Router(
            routes = {SimpleDocPipeline.class, CountingPipeline.class, ListingPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, COUNTING, listing, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteOutputMismatch] The routes of @Router "
            + "DocumentRouter return different types: SimpleDocPipeline returns String, "
            + "CountingPipeline returns int and ListingPipeline returns List<String>; make the "
            + "output steps of all routes return one type, since a router's result has one output "
            + "type.")
        .inFile(source).onLineContaining("routes = {SimpleDocPipeline.class");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsOutputsThatDifferOnlyByBoxingOrAConversationState() {
    JavaFileObject boxed = source("BoxedCountingPipeline", """
        @Pipeline
        class BoxedCountingPipeline {
          @Step ConversationState<Integer> count(@Input String text) {
            return ConversationState.complete(text.length());
          }
        }
        """);
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = {CountingPipeline.class, BoxedCountingPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return CountingPipeline.class; }
        }
        """);

    Compilation compilation = compile(COUNTING, boxed, source);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.DocumentRouterExecutor")
        .contentsAsUtf8String().contains("public PipelineResult<Integer> execute(String text)");
  }

  @Test
  void saysAVoidRouteReturnsNothing() {
    JavaFileObject logging = source("LoggingPipeline", """
        @Pipeline
        class LoggingPipeline {
          @Step void log(@Input String text) {}
        }
        """);
    JavaFileObject source = source("DocumentRouter", """
        @Router(
            routes = {LoggingPipeline.class, CountingPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return LoggingPipeline.class; }
        }
        """);

    Compilation compilation = compile(COUNTING, logging, source);

    assertThat(compilation).hadErrorContaining("[Braid/RouteOutputMismatch] The routes of @Router "
            + "DocumentRouter return different types: LoggingPipeline returns nothing (void) and "
            + "CountingPipeline returns int; make the output steps of all routes return one type, "
            + "since a router's result has one output type.")
        .inFile(source).onLineContaining("routes = {LoggingPipeline.class");
    assertThat(compilation).hadErrorCount(1);
  }
}
