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
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.StepStatus;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Runs the entry points and settings the processor generates for run-time semantics on the real
 * runtime: retry policies and optional steps as planned, {@code executeAsync} with cancellation,
 * {@code executeAll} over the {@code Inputs} record, {@code resume}, and the constructor that takes
 * a {@code PipelineConfig}. Waits use latches, never sleeps.
 */
class GeneratedEntryPointsTest {

  private static JavaFileObject run(String body) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        import dev.braid.runtime.*;
        import java.util.*;
        import java.util.concurrent.*;

        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            try {
              %s
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        }
        """.formatted(body));
  }

  private static CompiledClasses compileCleanly(Compilation compilation) {
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return new CompiledClasses(compilation);
  }

  private static final String FETCH_PIPELINE = """
      @Pipeline(retries = 3)
      class FetchPipeline {
        final java.util.concurrent.atomic.AtomicInteger calls =
            new java.util.concurrent.atomic.AtomicInteger();
        final List<Exception> failures;

        FetchPipeline(List<Exception> failures) { this.failures = failures; }

        @Step(retryOn = java.io.IOException.class, abortOn = java.io.FileNotFoundException.class)
        String fetch(@Input String url) throws Exception {
          int call = calls.incrementAndGet();
          if (call <= failures.size()) {
            throw failures.get(call - 1);
          }
          return "page " + url;
        }
      }
      """;

  private static String fetchRun(String failures) {
    return """
        FetchPipeline pipeline = new FetchPipeline(List.of(%s));
        try {
          return List.of(new FetchPipelineExecutor(pipeline).execute("u").output(),
              pipeline.calls.get());
        } catch (StepExecutionException e) {
          return List.of(e.getCause().getClass().getSimpleName(), e.attempts());
        }
        """.formatted(failures);
  }

  @Test
  void retriesOnlyTheExceptionsOfRetryOn() {
    Compilation compilation = compile(source("FetchPipeline", FETCH_PIPELINE),
        run(fetchRun("new java.net.SocketTimeoutException(), new IllegalStateException()")));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly("IllegalStateException", 2).inOrder();
  }

  @Test
  void neverRetriesTheExceptionsOfAbortOnThoughRetryOnNamesASuperclass() {
    Compilation compilation = compile(source("FetchPipeline", FETCH_PIPELINE),
        run(fetchRun(
            "new java.net.SocketTimeoutException(), new java.io.FileNotFoundException()")));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly("FileNotFoundException", 2).inOrder();
  }

  @Test
  void retriesARetryOnExceptionUntilTheStepSucceeds() {
    Compilation compilation = compile(source("FetchPipeline", FETCH_PIPELINE),
        run(fetchRun("new java.io.IOException(), new java.net.SocketTimeoutException()")));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly("page u", 3).inOrder();
  }

  @Test
  void handsDependentsOfAFailedOptionalStepAnEmptyOptionalAndAFailedOutcome() {
    Compilation compilation = compile(source("ProfilePipeline", """
        @Pipeline
        class ProfilePipeline {
          @Step(optional = true) String enrich(@Input String customer) {
            throw new IllegalStateException("CRM down");
          }
          @Step String greet(@Input String customer) { return "Hi " + customer; }
          @Step(dependsOn = {"enrich", "greet"})
          String reply(Optional<String> enrich, @From("enrich") StepOutcome<String> outcome,
              String greet) {
            return greet + " | " + enrich.orElse("no profile") + " | "
                + (outcome.isSuccess() ? "ok" : outcome.failure().getMessage());
          }
        }
        """), run("return new ProfilePipelineExecutor(new ProfilePipeline()).execute(\"Ann\");"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.output()).isEqualTo("Hi Ann | no profile | CRM down");
    assertThat(result.step("enrich").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.step("reply").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void handsDependentsOfASucceededOptionalStepItsValueWrapped() {
    Compilation compilation = compile(source("ProfilePipeline", """
        @Pipeline
        class ProfilePipeline {
          @Step(optional = true) int score(@Input String customer) { return customer.length(); }
          @Step(dependsOn = "score")
          String reply(Optional<Number> score, @From("score") StepOutcome<Integer> outcome) {
            return score.orElseThrow() + "/" + outcome.value();
          }
        }
        """), run("return new ProfilePipelineExecutor(new ProfilePipeline()).execute(\"Ann\");"));

    PipelineResult<?> result = compileCleanly(compilation).run("com.acme.Run");

    assertThat(result.output()).isEqualTo("3/3");
  }

  @Test
  void cancelsAnAsyncRunAndInterruptsItsSteps() {
    Compilation compilation = compile(source("SlowPipeline", """
        @Pipeline
        class SlowPipeline {
          final java.util.concurrent.CountDownLatch started =
              new java.util.concurrent.CountDownLatch(1);
          final java.util.concurrent.CountDownLatch interrupted =
              new java.util.concurrent.CountDownLatch(1);

          @Step String hang(@Input String question) throws InterruptedException {
            started.countDown();
            try {
              new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
              interrupted.countDown();
              throw e;
            }
            return question;
          }
        }
        """), run("""
        SlowPipeline pipeline = new SlowPipeline();
        CompletableFuture<PipelineResult<String>> future =
            new SlowPipelineExecutor(pipeline).executeAsync("q");
        pipeline.started.await();
        boolean cancelled = future.cancel(true);
        return List.of(cancelled, future.isCancelled(),
            pipeline.interrupted.await(30, TimeUnit.SECONDS));
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly(true, true, true).inOrder();
  }

  @Test
  void runsABatchOverTheInputsRecordOfAPipelineWithSeveralInputs() {
    Compilation compilation = compile(source("GreetPipeline", """
        @Pipeline
        class GreetPipeline {
          @Step String greet(@Input String name, @Input int times) { return name.repeat(times); }
        }
        """), run("""
        GreetPipelineExecutor executor = new GreetPipelineExecutor(new GreetPipeline());
        List<GreetPipelineExecutor.Inputs> inputs = List.of(
            new GreetPipelineExecutor.Inputs("a", 2),
            new GreetPipelineExecutor.Inputs("b", 3),
            new GreetPipelineExecutor.Inputs("c", 1));
        Map<String, String> outputs = new TreeMap<>();
        try (BatchRun<GreetPipelineExecutor.Inputs, String> batch =
            executor.executeAll(inputs, 2)) {
          for (BatchResult<GreetPipelineExecutor.Inputs, String> done : batch) {
            outputs.put(done.input().name(), done.resultOrThrow().output());
          }
        }
        return outputs;
        """));

    Map<?, ?> outputs = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outputs).containsExactly("a", "aa", "b", "bbb", "c", "c").inOrder();
  }

  @Test
  void resumesAfterAnIncompleteStopReusingStepsWhoseInputsDidNotChange() {
    Compilation compilation = compile(source("ReplyPipeline", """
        @Pipeline
        class ReplyPipeline {
          final java.util.concurrent.atomic.AtomicInteger drafts =
              new java.util.concurrent.atomic.AtomicInteger();

          @Step String draft(@Input String question) {
            drafts.incrementAndGet();
            return "Answer to " + question;
          }
          @Step(dependsOn = "draft")
          ConversationState<String> check(String draft, @Input boolean known) {
            return known
                ? ConversationState.complete(draft)
                : ConversationState.incomplete(draft, "Ask for the order number.");
          }
          @Step(dependsOn = "check") String send(String check) { return "sent: " + check; }
        }
        """), run("""
        ReplyPipeline pipeline = new ReplyPipeline();
        ReplyPipelineExecutor executor = new ReplyPipelineExecutor(pipeline);
        PipelineResult<String> first = executor.execute("q", false);
        PipelineResult<String> second = executor.resume(first, "q", true);
        return List.of(first.stoppedEarly(), second.output(), second.step("draft").status(),
            pipeline.drafts.get());
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome)
        .containsExactly(true, "sent: Answer to q", StepStatus.REUSED, 1).inOrder();
  }

  private static final String FLAKY_PIPELINE = """
      @Pipeline
      class FlakyPipeline {
        final java.util.concurrent.atomic.AtomicInteger calls =
            new java.util.concurrent.atomic.AtomicInteger();

        @Step String fetch(@Input String url) {
          if (calls.incrementAndGet() < 3) {
            throw new IllegalStateException("flaky");
          }
          return "ok " + url;
        }
      }
      """;

  @Test
  void appliesThePipelineConfigGivenToTheConstructor() {
    Compilation compilation = compile(source("FlakyPipeline", FLAKY_PIPELINE), run("""
        FlakyPipeline pipeline = new FlakyPipeline();
        PipelineConfig config = PipelineConfig.builder()
            .step("fetch", StepConfig.builder().retries(2).build())
            .build();
        return List.of(new FlakyPipelineExecutor(pipeline, config).execute("u").output(),
            pipeline.calls.get());
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly("ok u", 3).inOrder();
  }

  @Test
  void appliesTheRunOptionsOfOneCall() {
    Compilation compilation = compile(source("FlakyPipeline", FLAKY_PIPELINE), run("""
        FlakyPipeline pipeline = new FlakyPipeline();
        RunOptions options = RunOptions.builder()
            .step("fetch", StepConfig.builder().retries(2).build())
            .build();
        return new FlakyPipelineExecutor(pipeline).execute("u", options).output();
        """));

    String output = compileCleanly(compilation).run("com.acme.Run");

    assertThat(output).isEqualTo("ok u");
  }

  @Test
  void rejectsAPipelineConfigThatNamesAnUnknownStep() {
    Compilation compilation = compile(source("FlakyPipeline", FLAKY_PIPELINE), run("""
        PipelineConfig config = PipelineConfig.builder()
            .step("fetsh", StepConfig.builder().retries(2).build())
            .build();
        return new FlakyPipelineExecutor(new FlakyPipeline(), config);
        """));
    CompiledClasses classes = compileCleanly(compilation);

    assertThrows(IllegalArgumentException.class, () -> classes.run("com.acme.Run"));
  }

  @Test
  void endsARunThatOutlivesThePipelineDeadline() {
    Compilation compilation = compile(source("SlowPipeline", """
        @Pipeline(deadline = "100ms")
        class SlowPipeline {
          @Step String hang(@Input String question) throws InterruptedException {
            new java.util.concurrent.CountDownLatch(1).await();
            return question;
          }
        }
        """), run("return new SlowPipelineExecutor(new SlowPipeline()).execute(\"q\");"));
    CompiledClasses classes = compileCleanly(compilation);

    RunDeadlineExceededException failure =
        assertThrows(RunDeadlineExceededException.class, () -> classes.run("com.acme.Run"));

    assertThat(failure.deadline().toMillis()).isEqualTo(100);
    assertThat(failure.runningSteps()).containsExactly("hang");
  }
}
