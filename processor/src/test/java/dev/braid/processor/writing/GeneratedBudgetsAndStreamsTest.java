package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.RunStream;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The budgets the processor writes into the plan, read back from a loaded executor's plan, and the
 * generated {@code stream} methods, run on the real runtime.
 */
class GeneratedBudgetsAndStreamsTest {

  private static JavaFileObject run(String body) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        import dev.braid.runtime.*;
        import java.util.*;

        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            %s
          }
        }
        """.formatted(body));
  }

  private static CompiledClasses compileCleanly(Compilation compilation) {
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return new CompiledClasses(compilation);
  }

  private static String sourceOf(Compilation compilation, String executor) throws IOException {
    return compilation.generatedSourceFile("com.acme." + executor).orElseThrow()
        .getCharContent(true).toString();
  }

  /** The plan a generated executor built for its runs. */
  private static PipelinePlan planOf(CompiledClasses classes, String executor)
      throws ReflectiveOperationException {
    Field plan = classes.loadClass("com.acme." + executor).getDeclaredField("PLAN");
    plan.setAccessible(true);
    return (PipelinePlan) plan.get(null);
  }

  @Test
  void plansThePipelinesBudgetsAndEachStepsOwnWithoutInheritingThem() throws Exception {
    Compilation compilation = compile(source("BudgetPipeline", """
        import static dev.braid.runtime.Microcents.CENT;

        @Pipeline(costBudget = 50 * CENT, tokenBudget = 20_000)
        class BudgetPipeline {
          @Step(costBudget = 5 * CENT, tokenBudget = 3 * 1_000_000_000L)
          String draft(@Input String ticket, StepContext context) { return "re: " + ticket; }
          @Step(dependsOn = "draft") String polish(String draft) { return draft + "!"; }
        }
        """));
    CompiledClasses classes = compileCleanly(compilation);

    PipelinePlan plan = planOf(classes, "BudgetPipelineExecutor");

    assertThat(sourceOf(compilation, "BudgetPipelineExecutor")).contains("""
            plan.costBudget(50000000);
            plan.tokenBudget(20000);
            plan.step("draft").costBudget(5000000).tokenBudget(3000000000L).readsInputs(0);
            plan.step("polish", 0);
        """);
    assertThat(plan.costBudget()).isEqualTo(50_000_000L);
    assertThat(plan.tokenBudget()).isEqualTo(20_000L);
    StepPlan draft = plan.steps().get(0);
    assertThat(draft.costBudget()).isEqualTo(5_000_000L);
    assertThat(draft.tokenBudget()).isEqualTo(3_000_000_000L);
    StepPlan polish = plan.steps().get(1);
    assertThat(polish.costBudget()).isEqualTo(-1L);
    assertThat(polish.tokenBudget()).isEqualTo(-1L);
  }

  @Test
  void plansBudgetsWrittenInDollarsAsExactMicrocents() throws Exception {
    Compilation compilation = compile(source("DollarPipeline", """
        @Pipeline(costBudgetDollars = "$0.10")
        class DollarPipeline {
          @Step(costBudgetDollars = "0.00000125")
          String draft(@Input String ticket, StepContext context) { return "re: " + ticket; }
        }
        """));
    CompiledClasses classes = compileCleanly(compilation);

    PipelinePlan plan = planOf(classes, "DollarPipelineExecutor");

    assertThat(plan.costBudget()).isEqualTo(10_000_000L);
    assertThat(plan.steps().getFirst().costBudget()).isEqualTo(125L);
  }

  @Test
  void leavesUnsetBudgetsOutOfThePlan() throws Exception {
    Compilation compilation = compile(source("PlainPipeline", """
        @Pipeline
        class PlainPipeline {
          @Step String hello(@Input String name, StepContext context) { return "Hello, " + name; }
        }
        """));
    CompiledClasses classes = compileCleanly(compilation);

    PipelinePlan plan = planOf(classes, "PlainPipelineExecutor");

    assertThat(sourceOf(compilation, "PlainPipelineExecutor")).doesNotContain("Budget(");
    assertThat(plan.costBudget()).isEqualTo(-1L);
    assertThat(plan.tokenBudget()).isEqualTo(-1L);
    assertThat(plan.steps().getFirst().costBudget()).isEqualTo(-1L);
    assertThat(plan.steps().getFirst().tokenBudget()).isEqualTo(-1L);
  }

  private static final String CHAT_PIPELINE = """
      @Pipeline
      class ChatPipeline {
        @Step String draft(@Input String question, StepContext context)
            throws InterruptedException {
          context.emit("Hel");
          context.emit("lo");
          return "Hello, " + question;
        }
        @Step(dependsOn = "draft") String polish(String draft) { return draft + "!"; }
      }
      """;

  /** Reads every chunk of {@code stream} as {@code step#attempt:text}, then its output. */
  private static final String READ_STREAM = """
      List<Object> seen = new ArrayList<>();
      try (stream) {
        for (StreamChunk chunk : stream) {
          seen.add(chunk.step() + "#" + chunk.attempt() + ":" + chunk.text());
        }
        seen.add(stream.result().output());
      }
      return seen;
      """;

  @Test
  void generatesStreamWithAndWithoutRunOptions() throws Exception {
    Compilation compilation = compile(source("ChatPipeline", CHAT_PIPELINE));
    CompiledClasses classes = compileCleanly(compilation);

    Class<?> executor = classes.loadClass("com.acme.ChatPipelineExecutor");

    String generated = sourceOf(compilation, "ChatPipelineExecutor");
    assertThat(generated).contains("""
          public RunStream<String> stream(String question) {
            return stream(question, RunOptions.defaults());
          }
        """);
    assertThat(generated).contains("""
          public RunStream<String> stream(String question, RunOptions options) {
            return engine.stream(options, new Object[] {question}, new Steps(pipeline, question));
          }
        """);
    assertThat(executor.getMethod("stream", String.class).getReturnType())
        .isEqualTo(RunStream.class);
    assertThat(executor.getMethod("stream", String.class, RunOptions.class).getReturnType())
        .isEqualTo(RunStream.class);
  }

  @Test
  void streamsTheChunksAStepEmitsThenTheResult() {
    Compilation compilation = compile(source("ChatPipeline", CHAT_PIPELINE), run("""
        RunStream<String> stream = new ChatPipelineExecutor(new ChatPipeline()).stream("Ann");
        """ + READ_STREAM));

    List<?> seen = compileCleanly(compilation).run("com.acme.Run");

    assertThat(seen).containsExactly("draft#1:Hel", "draft#1:lo", "Hello, Ann!").inOrder();
  }

  @Test
  void streamsWithTheRunOptionsOfOneCall() {
    Compilation compilation = compile(source("ChatPipeline", CHAT_PIPELINE), run("""
        RunStream<String> stream = new ChatPipelineExecutor(new ChatPipeline())
            .stream("Bo", RunOptions.builder().streamBuffer(1).build());
        """ + READ_STREAM));

    List<?> seen = compileCleanly(compilation).run("com.acme.Run");

    assertThat(seen).containsExactly("draft#1:Hel", "draft#1:lo", "Hello, Bo!").inOrder();
  }
}
