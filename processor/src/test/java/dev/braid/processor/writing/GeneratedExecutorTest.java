package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.StepTimeoutException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles pipelines with the processor, checks that the generated code compiles without warnings,
 * then loads and runs it on the real runtime through {@code com.acme.Run}, a small test class that
 * calls the executor the way an application would.
 */
class GeneratedExecutorTest {

  private static JavaFileObject run(String body) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        import java.util.List;

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

  @Test
  void runsADiamondWithPrimitiveInputsAndBoxedOutputs() {
    Compilation compilation = compile(source("DiamondPipeline", """
        @Pipeline
        class DiamondPipeline {
          @Step int seed(@Input int start) { return start + 1; }
          @Step(dependsOn = "seed") Integer left(int seed) { return seed * 2; }
          @Step(dependsOn = "seed") long right(Integer seed) { return seed * 3L; }
          @Step(dependsOn = {"left", "right"}) double join(long left, Long right) {
            return left + right;
          }
        }
        """), run("return new DiamondPipelineExecutor(new DiamondPipeline()).execute(4);"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(compilation).generatedSourceFile("com.acme.DiamondPipelineExecutor")
        .contentsAsUtf8String().contains("public PipelineResult<Double> execute(int start)");
    assertThat(result.output()).isEqualTo(25.0);
    assertThat(result.steps().stream().map(StepRecord::name).toList())
        .containsExactly("seed", "left", "right", "join").inOrder();
    assertThat(result.steps().stream().map(StepRecord::status).distinct().toList())
        .containsExactly(StepStatus.SUCCEEDED);
  }

  @Test
  void qualifiesAUserClassNamedLikeTheStepsRecord() {
    Compilation compilation = compile(source("Steps", """
        final class Steps {
          final int count;
          Steps(int count) { this.count = count; }
        }
        """), source("CountPipeline", """
        @Pipeline
        class CountPipeline {
          @Step Steps count(@Input int steps) { return new Steps(steps); }
          @Step(dependsOn = "count") int twice(Steps count) { return count.count * 2; }
        }
        """), run("return new CountPipelineExecutor(new CountPipeline()).execute(21);"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(compilation).generatedSourceFile("com.acme.CountPipelineExecutor")
        .contentsAsUtf8String()
        .contains("case 1 -> pipeline.twice(outputs.<com.acme.Steps>get(0));");
    assertThat(result.output()).isEqualTo(42);
  }

  @Test
  void keepsInputsNamedLikeTheStepsRecordsComponentsAndParameters() {
    Compilation compilation = compile(source("NamesPipeline", """
        @Pipeline
        class NamesPipeline {
          @Step String first(@Input String step, @Input String pipeline, @Input String run) {
            return step + pipeline + run;
          }
          @Step(dependsOn = "first") String second(String first, @Input String step) {
            return first + step;
          }
        }
        """), run("return new NamesPipelineExecutor(new NamesPipeline())"
            + ".execute(\"s\", \"p\", \"r\");"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.output()).isEqualTo("spr" + "s");
  }

  @Test
  void waitsForAVoidStepListedOnlyForOrdering() {
    Compilation compilation = compile(source("AuditPipeline", """
        @Pipeline
        class AuditPipeline {
          final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

          @Step void audit(@Input String ticket) { log.add("audit " + ticket); }
          @Step(dependsOn = "audit") String reply(@Input String ticket) {
            log.add("reply");
            return "re: " + ticket;
          }
        }
        """), run("""
        AuditPipeline pipeline = new AuditPipeline();
        return List.of(new AuditPipelineExecutor(pipeline).execute("t1").output(), pipeline.log);
        """));

    List<?> outputAndLog = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outputAndLog).containsExactly("re: t1", List.of("audit t1", "reply")).inOrder();
  }

  @Test
  void returnsPipelineResultOfNullableVoidForAVoidOutputStep() {
    Compilation compilation = compile(source("NotifyPipeline", """
        @Pipeline
        class NotifyPipeline {
          @Step String compose(@Input String to) { return "Dear " + to; }
          @Step(dependsOn = "compose") void send(String compose) {}
        }
        """), run("return new NotifyPipelineExecutor(new NotifyPipeline()).execute(\"Ann\");"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(compilation).generatedSourceFile("com.acme.NotifyPipelineExecutor")
        .contentsAsUtf8String()
        .contains("public PipelineResult<@Nullable Void> execute(String to)");
    assertThat(result.output()).isNull();
    assertThat(result.step("send").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  private static final String REPLY_PIPELINE = """
      @Pipeline
      class ReplyPipeline {
        @Step String draft(@Input String question) { return "Answer to " + question; }
        @Step(dependsOn = "draft")
        ConversationState<String> check(String draft, @Input boolean known) {
          return known
              ? ConversationState.complete(draft)
              : ConversationState.incomplete(draft, "Ask for the order number.");
        }
        @Step(dependsOn = "check") String send(String check) { return "sent: " + check; }
      }
      """;

  @Test
  void handsTheDataOfACompleteConversationStateToDependents() {
    Compilation compilation = compile(source("ReplyPipeline", REPLY_PIPELINE),
        run("return new ReplyPipelineExecutor(new ReplyPipeline()).execute(\"q\", true);"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(compilation).generatedSourceFile("com.acme.ReplyPipelineExecutor")
        .contentsAsUtf8String()
        .contains("plan.step(\"check\", 0).readsInputs(1).conversational();");
    assertThat(result.stoppedEarly()).isFalse();
    assertThat(result.output()).isEqualTo("sent: Answer to q");
  }

  @Test
  void stopsEarlyOnAnIncompleteConversationState() {
    Compilation compilation = compile(source("ReplyPipeline", REPLY_PIPELINE),
        run("return new ReplyPipelineExecutor(new ReplyPipeline()).execute(\"q\", false);"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.stoppedAt()).hasValue("check");
    assertThat(result.conversationState().map(ConversationState::context))
        .hasValue("Ask for the order number.");
    assertThat(result.step("send").status()).isEqualTo(StepStatus.NOT_STARTED);
  }

  @Test
  void passesFromDependenciesAndTheStepContext() {
    Compilation compilation = compile(source("SupportPipeline", """
        @Pipeline(name = "support")
        class SupportPipeline {
          @Step List<String> search(@Input String question) {
            return List.of(question + "-1", question + "-2");
          }
          @Step(dependsOn = "search")
          String draft(@From("search") List<String> articles, StepContext context) {
            return context.pipelineName() + "/" + context.stepName() + "#" + context.attempt()
                + ": " + articles;
          }
        }
        """), run("return new SupportPipelineExecutor(new SupportPipeline()).execute(\"q\");"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.pipelineName()).isEqualTo("support");
    assertThat(result.output()).isEqualTo("support/draft#1: [q-1, q-2]");
  }

  @Test
  void namesTheExecutorOfANestedPipelineAfterItsEnclosingClasses() {
    Compilation compilation = compile(source("Outer", """
        class Outer {
          @Pipeline
          static class Inner {
            @Step String hello(@Input String name) { return "Hello, " + name; }
          }
        }
        """), run("return new Outer_InnerExecutor(new Outer.Inner()).execute(\"Ann\");"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.pipelineName()).isEqualTo("Inner");
    assertThat(result.output()).isEqualTo("Hello, Ann");
  }

  @Test
  void throwsStepExecutionExceptionAfterTheResolvedRetries() {
    Compilation compilation = compile(source("FlakyPipeline", """
        @Pipeline(retries = 1)
        class FlakyPipeline {
          @Step String fetch(@Input String url) { throw new IllegalStateException("down: " + url); }
          @Step(dependsOn = "fetch", retries = 0) String parse(String fetch) { return fetch; }
        }
        """), run("return new FlakyPipelineExecutor(new FlakyPipeline()).execute(\"u\");"));
    CompiledClasses classes = compileCleanly(compilation);

    StepExecutionException failure =
        assertThrows(StepExecutionException.class, () -> classes.run("com.acme.Run"));

    assertThat(failure.stepName()).isEqualTo("fetch");
    assertThat(failure.attempts()).isEqualTo(2);
    assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(failure.getCause()).hasMessageThat().isEqualTo("down: u");
  }

  @Test
  void appliesThePipelineTimeoutToAStepThatSetsNone() {
    Compilation compilation = compile(source("SlowPipeline", """
        @Pipeline(timeout = "50ms")
        class SlowPipeline {
          @Step String hang() throws InterruptedException {
            new java.util.concurrent.CountDownLatch(1).await();
            return "never";
          }
        }
        """), run("return new SlowPipelineExecutor(new SlowPipeline()).execute();"));
    CompiledClasses classes = compileCleanly(compilation);

    StepExecutionException failure =
        assertThrows(StepExecutionException.class, () -> classes.run("com.acme.Run"));

    assertThat(failure.getCause()).isInstanceOf(StepTimeoutException.class);
    assertThat(failure.getCause()).hasMessageThat()
        .isEqualTo("Step 'hang' of pipeline 'SlowPipeline' timed out after 50ms (attempt 1 of 1)");
  }
}
