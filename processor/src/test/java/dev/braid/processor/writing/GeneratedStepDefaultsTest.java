package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import org.junit.jupiter.api.Test;

/**
 * A generated executor keeps {@code @Pipeline}'s defaults and {@code @Step}'s own settings apart,
 * so that a {@code PipelineConfig}'s step defaults come between them, run on the real runtime.
 */
class GeneratedStepDefaultsTest {

  /**
   * Counts each step's attempts: "inherit" writes no retries itself, "own", which runs once it has
   * failed for good, writes its own.
   */
  private static final String PIPELINE = """
      @Pipeline(retries = 3)
      class DefaultsPipeline {
        final java.util.Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();

        @Step(optional = true) String inherit(@Input String in) { return fail("inherit"); }
        @Step(dependsOn = "inherit", retries = 0)
        String own(java.util.Optional<String> inherit) { return fail("own"); }

        private String fail(String step) {
          attempts.merge(step, 1, Integer::sum);
          throw new IllegalStateException(step + " fails");
        }
      }
      """;

  /** Runs the pipeline with the given step defaults, if any, and returns the attempts per step. */
  private static Object attempts(String stepDefaults) {
    Compilation compilation = compile(source("DefaultsPipeline", PIPELINE),
        JavaFileObjects.forSourceString("com.acme.Run", """
            package com.acme;

            import dev.braid.runtime.*;

            public final class Run implements java.util.function.Supplier<Object> {
              @Override
              public Object get() {
                DefaultsPipeline pipeline = new DefaultsPipeline();
                PipelineConfig.Builder config = PipelineConfig.builder();
                %s
                try {
                  new DefaultsPipelineExecutor(pipeline, config.build()).execute("x");
                } catch (StepExecutionException expected) {
                  // Both steps fail for good; what counts is how often each was tried.
                }
                return new java.util.TreeMap<>(pipeline.attempts);
              }
            }
            """.formatted(stepDefaults)));
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return new CompiledClasses(compilation).run("com.acme.Run");
  }

  @Test
  void aStepWithoutRetriesOfItsOwnTakesThePipelinesDefault() {
    assertThat(attempts("")).isEqualTo(java.util.Map.of("inherit", 4, "own", 1));
  }

  @Test
  void theConfigsStepDefaultsOverrideThePipelinesButNotAStepsOwn() {
    assertThat(attempts("config.stepDefaults(StepConfig.builder().retries(1).build());"))
        .isEqualTo(java.util.Map.of("inherit", 2, "own", 1));
  }
}
