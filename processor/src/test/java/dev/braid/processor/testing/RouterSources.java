package dev.braid.processor.testing;

import static dev.braid.processor.testing.BraidCompiler.source;

import javax.tools.JavaFileObject;

/**
 * Valid pipelines for routers in tests to route to: each takes the input {@code text} and returns
 * a {@code String}, unless its name says otherwise.
 */
public final class RouterSources {
  public static final JavaFileObject SIMPLE = source("SimpleDocPipeline", """
      @Pipeline
      class SimpleDocPipeline {
        @Step String summarize(@Input String text) { return "simple: " + text; }
      }
      """);

  public static final JavaFileObject COMPLEX = source("ComplexDocPipeline", """
      @Pipeline
      class ComplexDocPipeline {
        @Step String outline(@Input String text) { return "outline of " + text; }
        @Step(dependsOn = "outline") String summarize(String outline) { return outline; }
      }
      """);

  /** Returns an {@code int}. */
  public static final JavaFileObject COUNTING = source("CountingPipeline", """
      @Pipeline
      class CountingPipeline {
        @Step int count(@Input String text) { return text.length(); }
      }
      """);

  private RouterSources() {}
}
