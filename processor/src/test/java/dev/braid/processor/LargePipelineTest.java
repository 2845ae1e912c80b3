package dev.braid.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Pipelines of 1,000 steps compile on a thread with the JVM's default stack size, as javac's own
 * thread has: every graph algorithm is iterative, and generated code has no deep expressions or
 * huge methods. How long the processor takes is measured by the benchmarks, not asserted here.
 */
class LargePipelineTest {
  private static final int STEPS = 1_000;

  /** Compiles on a fresh thread with the default stack size, rather than the test's thread. */
  private static Compilation compileOnDefaultStack(BraidProcessor processor,
      JavaFileObject... sources) throws InterruptedException, ExecutionException {
    FutureTask<Compilation> task = new FutureTask<>(() -> compile(processor, sources));
    Thread thread = new Thread(task, "javac");
    thread.start();
    return task.get();
  }

  private static JavaFileObject run(String body) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            return %s;
          }
        }
        """.formatted(body));
  }

  @Test
  void compilesAndRunsAThousandStepChain() throws Exception {
    String steps = IntStream.range(1, STEPS)
        .mapToObj(i -> "  @Step(dependsOn = \"step%d\") int step%d(int step%d) { return step%d + 1; }"
            .formatted(i - 1, i, i - 1, i - 1))
        .collect(Collectors.joining("\n"));
    JavaFileObject pipeline = source("ChainPipeline", """
        @Pipeline
        class ChainPipeline {
          @Step int step0(@Input int seed) { return seed; }
        %s
        }
        """.formatted(steps));
    BraidProcessor processor = new BraidProcessor();

    Compilation compilation = compileOnDefaultStack(processor,
        pipeline, run("new ChainPipelineExecutor(new ChainPipeline()).execute(5)"));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    assertThat(compilation).generatedSourceFile("com.acme.ChainPipelineExecutor")
        .contentsAsUtf8String().contains("    addSteps1(plan);\n");
    assertThat(compilation).generatedSourceFile("com.acme.ChainPipelineExecutor")
        .contentsAsUtf8String().contains("case 9 -> run9(step, outputs, context);\n");
    assertThat(compilation).generatedSourceFile("com.acme.ChainPipelineExecutor")
        .contentsAsUtf8String().contains("has\n * 1000 steps: <code>step0</code> &rarr; "
            + "<code>step1</code> &rarr; <code>step2</code> &rarr; <code>step3</code> &rarr; "
            + "<code>step4</code> &rarr; <code>step5</code> &rarr; <code>step6</code> &rarr; "
            + "<code>step7</code> &rarr; &hellip; &rarr; <code>step999</code>.\n");
    assertThat(compilation).generatedSourceFile("com.acme.ChainPipelineExecutor")
        .contentsAsUtf8String().contains("Its graph in Mermaid is too large to show here");
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "com.acme", "ChainPipelineExecutor.mmd")
        .contentsAsUtf8String().contains("step998 \u2192 step999\n");
    PipelineResult<?> result = new CompiledClasses(compilation).run("com.acme.Run");
    assertThat(result.output()).isEqualTo(5 + STEPS - 1);
    assertThat(result.steps()).hasSize(STEPS);
  }

  @Test
  void splitsTheStepTypesOfADurableThousandStepChainIntoSeveralMethods() throws Exception {
    String steps = IntStream.range(1, STEPS)
        .mapToObj(i -> ("  @Step(dependsOn = \"step%d\") int step%d(int step%d) {"
                + " return step%d + 1; }").formatted(i - 1, i, i - 1, i - 1))
        .collect(Collectors.joining("\n"));
    JavaFileObject pipeline = source("ChainPipeline", """
        @Pipeline(durable = true)
        class ChainPipeline {
          @Step int step0(@Input int seed) { return seed; }
        %s
        }
        """.formatted(steps));
    BraidProcessor processor = new BraidProcessor();

    Compilation compilation = compileOnDefaultStack(processor, pipeline, run("""
        java.util.List.of(new ChainPipelineExecutor(new ChainPipeline()).definition(),
            new ChainPipelineExecutor(new ChainPipeline()).definition()
                .execute(dev.braid.runtime.RunOptions.defaults(), 5).output())"""));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    assertThat(compilation).generatedSourceFile("com.acme.ChainPipelineExecutor")
        .contentsAsUtf8String().contains("""
              private static List<Type> stepTypes() {
                Type[] types = new Type[1000];
                stepTypes0(types);
                stepTypes1(types);
                return List.of(types);
              }
            """);
    List<?> outcome = new CompiledClasses(compilation).run("com.acme.Run");
    PipelineDefinition<?> definition = (PipelineDefinition<?>) outcome.getFirst();
    assertThat(definition.stepTypes()).hasSize(STEPS);
    assertThat(definition.stepType("step999")).isEqualTo(Integer.class);
    assertThat(outcome.get(1)).isEqualTo(5 + STEPS - 1);
  }

  @Test
  void compilesAndRunsAThousandWideFanIn() throws Exception {
    String sources = IntStream.range(0, STEPS)
        .mapToObj(i -> "  @Step int source%d() { return %d; }".formatted(i, i))
        .collect(Collectors.joining("\n"));
    String names = IntStream.range(0, STEPS)
        .mapToObj(i -> "\"source" + i + "\"")
        .collect(Collectors.joining(", "));
    JavaFileObject pipeline = source("FanInPipeline", """
        @Pipeline
        class FanInPipeline {
        %s
          @Step(dependsOn = {%s}) int sink(int source7, @From("source999") int last) {
            return source7 + last;
          }
        }
        """.formatted(sources, names));
    BraidProcessor processor = new BraidProcessor();

    Compilation compilation = compileOnDefaultStack(processor,
        pipeline, run("new FanInPipelineExecutor(new FanInPipeline()).execute()"));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    PipelineResult<?> result = new CompiledClasses(compilation).run("com.acme.Run");
    assertThat(result.output()).isEqualTo(7 + 999);
    assertThat(result.steps()).hasSize(STEPS + 1);
  }

  @Test
  void reportsACycleThroughAThousandSteps() throws Exception {
    String steps = IntStream.range(0, STEPS)
        .mapToObj(i -> "  @Step(dependsOn = \"step%d\") void step%d() {}".formatted((i + 1) % STEPS, i))
        .collect(Collectors.joining("\n"));
    JavaFileObject pipeline = source("LoopPipeline", """
        @Pipeline
        class LoopPipeline {
        %s
        }
        """.formatted(steps));
    BraidProcessor processor = new BraidProcessor();

    Compilation compilation = compileOnDefaultStack(processor, pipeline);

    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] Steps of LoopPipeline form a dependency cycle:
              step0 depends on step1
              step1 depends on step2""")
        .inFile(pipeline).onLineContaining("void step0()");
    assertThat(compilation).hadErrorContaining("      step999 depends on step0\n");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void splitsTheConditionsOfManyConditionalStepsIntoSeveralMethods() {
    int conditional = 250;
    String steps = IntStream.range(0, conditional)
        .mapToObj(i -> "  @Step(when = \"%s\") int c%d() { return %d; }"
            .formatted(i % 2 == 0 ? "isEven" : "isOdd", i, i))
        .collect(Collectors.joining("\n"));
    String all = IntStream.range(0, conditional)
        .mapToObj(i -> "\"c" + i + "\"")
        .collect(Collectors.joining(", "));
    JavaFileObject pipeline = source("GatePipeline", """
        @Pipeline
        class GatePipeline {
          @Step boolean isEven(@Input int seed) { return seed %% 2 == 0; }
        %s
          @Step(dependsOn = {%s}) String done() { return "done"; }

          boolean isOdd(@Input int seed) { return seed %% 2 != 0; }
        }
        """.formatted(steps, all));

    Compilation compilation =
        compile(pipeline, run("new GatePipelineExecutor(new GatePipeline()).execute(4)"));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    assertThat(compilation).generatedSourceFile("com.acme.GatePipelineExecutor")
        .contentsAsUtf8String().contains("""
                public boolean shouldRun(int step, StepOutputs outputs) throws Exception {
                  if (step <= 100) {
                    return shouldRun0(step, outputs);
                  }
                  if (step <= 200) {
                    return shouldRun1(step, outputs);
                  }
                  return shouldRun2(step, outputs);
                }
            """);
    PipelineResult<?> result = new CompiledClasses(compilation).run("com.acme.Run");
    assertThat(result.output()).isEqualTo("done");
    assertThat(result.steps().stream().filter(step -> step.status() == StepStatus.SKIPPED).count())
        .isEqualTo(conditional / 2);
    assertThat(result.step("c249").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.step("c248").status()).isEqualTo(StepStatus.SUCCEEDED);
  }
}
