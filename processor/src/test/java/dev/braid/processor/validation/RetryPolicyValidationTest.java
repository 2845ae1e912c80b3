package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RetryPolicyValidationTest {

  @Test
  void reportsAClassInBothRetryOnAndAbortOnOnTheAbortOnEntry() {
    JavaFileObject source = source("FetchPipeline", """
        @Pipeline
        class FetchPipeline {
          @Step(retries = 2, retryOn = {java.io.IOException.class, IllegalStateException.class},
              abortOn = {java.util.concurrent.TimeoutException.class,
                  IllegalStateException.class})
          String fetch(@Input String url) { return url; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/RetryPolicy] @Step fetch lists "
            + "IllegalStateException in both retryOn and abortOn, and abortOn wins, so it is never "
            + "retried; remove it from the one that is wrong.")
        .inFile(source).onLineContaining("    IllegalStateException.class})");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsARetryOnClassWhoseSuperclassIsInAbortOn() {
    JavaFileObject source = source("FetchPipeline", """
        @Pipeline
        class FetchPipeline {
          @Step(retries = 2, retryOn = java.net.SocketTimeoutException.class,
              abortOn = java.io.IOException.class)
          String fetch(@Input String url) { return url; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/RetryPolicy] @Step fetch lists "
            + "SocketTimeoutException in retryOn, but abortOn lists its superclass IOException, "
            + "which wins, so SocketTimeoutException is never retried; remove one of the two.")
        .inFile(source).onLineContaining("abortOn = java.io.IOException.class");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsASubclassInAbortOnThatNarrowsARetryOnClass() {
    JavaFileObject source = source("FetchPipeline", """
        @Pipeline
        class FetchPipeline {
          @Step(retries = 2, retryOn = java.io.IOException.class,
              abortOn = java.io.FileNotFoundException.class)
          String fetch(@Input String url) { return url; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }

  @Test
  void reportsAPrivateExceptionClassThatTheExecutorCannotName() {
    JavaFileObject source = source("FetchPipeline", """
        @Pipeline
        class FetchPipeline {
          private static final class Throttled extends RuntimeException {}

          @Step(retries = 2,
              retryOn = Throttled.class)
          String fetch(@Input String url) { return url; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/RetryPolicy] @Step fetch names "
            + "FetchPipeline.Throttled in retryOn, but FetchPipeline.Throttled is private, so the "
            + "generated executor cannot name it; make FetchPipeline.Throttled package-private or "
            + "public.")
        .inFile(source).onLineContaining("retryOn = Throttled.class");
    assertThat(compilation).hadErrorCount(1);
  }

  /** Pins that only Throwables reach the processor: the attribute's type makes javac check it. */
  @Test
  void javacRejectsAClassThatIsNotAThrowable() {
    JavaFileObject source = source("FetchPipeline", """
        @Pipeline
        class FetchPipeline {
          @Step(retries = 2,
              retryOn = String.class)
          String fetch(@Input String url) { return url; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("incompatible types: "
            + "java.lang.Class<java.lang.String> cannot be converted to "
            + "java.lang.Class<? extends java.lang.Throwable>")
        .inFile(source).onLineContaining("retryOn = String.class");
    assertThat(compilation).hadErrorCount(1);
  }
}
