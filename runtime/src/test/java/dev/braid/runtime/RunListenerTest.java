package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepOutputs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Run listeners hear every run, attempt, retry, step end, model call and chunk, in order. */
@Timeout(30)
class RunListenerTest {
  private static final PriceTable FREE = PriceTable.empty().withFree("m");

  /** Writes one line per event; thread-safe. */
  private static class Journal implements RunListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> runIds = new CopyOnWriteArrayList<>();

    @Override
    public void runStarted(RunEvent run) {
      runIds.add(run.runId());
      lines.add("run started " + run.pipelineName());
    }

    @Override
    public Scope attemptStarted(StepEvent attempt) {
      String thread = Thread.currentThread().getName();
      lines.add("attempt " + attempt.stepName() + "#" + attempt.attempt() + " on "
          + thread.replace(" run " + attempt.runId(), " run <id>"));
      return () -> lines.add("attempt scope closed " + attempt.stepName() + "#" + attempt.attempt()
          + (Thread.currentThread().getName().equals(thread) ? " on the same thread" : " elsewhere"));
    }

    @Override
    public void attemptEnded(StepEvent attempt, AttemptRecord record) {
      lines.add("attempt ended " + attempt.stepName() + "#" + attempt.attempt() + " "
          + record.outcome());
    }

    @Override
    public void stepRetrying(StepEvent attempt, AttemptRecord failed, Duration pause) {
      lines.add("retrying " + attempt.stepName() + " after attempt " + failed.number());
    }

    @Override
    public void stepEnded(StepEvent step, StepRecord record) {
      lines.add("step ended " + step.stepName() + " " + record.status() + " calls="
          + record.usage().calls());
    }

    @Override
    public CallScope modelCallStarted(StepEvent attempt, String model) {
      lines.add("call " + model + " from " + attempt.stepName());
      return (usage, failure) -> lines.add("call ended " + usage.totalTokens() + " tokens");
    }

    @Override
    public void chunkStreamed(StepEvent attempt, StreamChunk chunk) {
      lines.add("chunk " + chunk.text());
    }

    @Override
    public void runEnded(RunEvent run, PipelineResult<?> result, @Nullable BraidException failure) {
      assertThat(run.runId()).isEqualTo(runIds.getFirst());
      lines.add("run ended " + (failure == null ? "ok" : failure.getClass().getSimpleName())
          + " calls=" + result.usage().calls());
    }
  }

  @Test
  void aListenerHearsEveryEventOfARunInOrder() {
    Journal journal = new Journal();
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft").retries(1);
    plan.step("send", 0);
    plan.output(1);
    PipelineEngine engine = PipelineEngine.create(plan.build(),
        PipelineConfig.builder().prices(FREE).listener(journal).build());

    engine.execute(
        (outputs, context) -> {
          context.emit("Hi");
          context.call(FakeModel.answering("m", 3, 4), "x");
          if (context.attempt() == 1) {
            throw new IllegalStateException("too short");
          }
          return "draft";
        },
        (outputs, context) -> "sent");

    assertThat(journal.lines).containsExactly(
        "run started Replies",
        "attempt draft#1 on braid Replies/draft run <id>",
        "chunk Hi",
        "call m from draft",
        "call ended 7 tokens",
        "attempt scope closed draft#1 on the same thread",
        "attempt ended draft#1 FAILED",
        "retrying draft after attempt 1",
        "attempt draft#2 on braid Replies/draft run <id>",
        "chunk Hi",
        "call m from draft",
        "call ended 7 tokens",
        "attempt scope closed draft#2 on the same thread",
        "attempt ended draft#2 SUCCEEDED",
        "step ended draft SUCCEEDED calls=2",
        "attempt send#1 on braid Replies/send run <id>",
        "attempt scope closed send#1 on the same thread",
        "attempt ended send#1 SUCCEEDED",
        "step ended send SUCCEEDED calls=0",
        "run ended ok calls=2").inOrder();
  }

  @Test
  void aRunThatThrowsEndsWithItsPartialResultAndAListenerOfOneRunHearsOnlyIt() {
    Journal perRun = new Journal();
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft");
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    assertThrows(StepExecutionException.class, () -> engine.execute(
        RunOptions.builder().listener(perRun).build(), new Object[0],
        (outputs, context) -> {
          throw new IllegalStateException("model down");
        }));
    engine.execute((outputs, context) -> "unheard");

    assertThat(perRun.lines).containsExactly(
        "run started Replies",
        "attempt draft#1 on braid Replies/draft run <id>",
        "attempt scope closed draft#1 on the same thread",
        "attempt ended draft#1 FAILED",
        "step ended draft FAILED calls=0",
        "run ended StepExecutionException calls=0").inOrder();
  }

  @Test
  void aListenerThatDeclinesARunHearsNothingOfIt() {
    Journal journal = new Journal() {
      @Override
      public boolean listensTo(String pipelineName) {
        return !pipelineName.equals("Replies");
      }
    };
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft");
    plan.output(0);

    PipelineEngine.create(plan.build(), PipelineConfig.builder().listener(journal).build())
        .execute((outputs, context) -> "ok");

    assertThat(journal.lines).isEmpty();
  }

  @Test
  void aListenerThatThrowsChangesNothing() {
    RunListener broken = new RunListener() {
      @Override
      public void stepEnded(StepEvent step, StepRecord record) {
        throw new IllegalStateException("metrics backend down");
      }

      @Override
      public Scope attemptStarted(StepEvent attempt) {
        throw new IllegalStateException("tracer broken");
      }
    };
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft");
    plan.output(0);

    PipelineResult<String> result = PipelineEngine.create(plan.build(),
        PipelineConfig.builder().listener(broken).build()).execute((outputs, context) -> "ok");

    assertThat(result.output()).isEqualTo("ok");
  }

  @Test
  void aListenerThatThrowsAnErrorNeitherHangsNorChangesTheRun() {
    RunListener broken = new RunListener() {
      @Override
      public void stepEnded(StepEvent step, StepRecord record) {
        throw new NoClassDefFoundError("a class the listener needs is missing");
      }
    };
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft");
    plan.step("send", 0);
    plan.output(1);

    PipelineResult<String> result = PipelineEngine.create(plan.build(),
        PipelineConfig.builder().listener(broken).build())
        .execute((outputs, context) -> "draft", (outputs, context) -> "sent");

    assertThat(result.output()).isEqualTo("sent");
  }

  @Test
  void aSkippedStepIsHeardToEndWithoutAnAttempt() {
    Journal journal = new Journal();
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("gate");
    plan.step("extra", 0).when("gate");
    plan.step("answer", 1);
    plan.output(2);
    PipelineEngine engine = PipelineEngine.create(plan.build(),
        PipelineConfig.builder().listener(journal).build());

    engine.execute(RunOptions.defaults(), new Object[0], new StepDispatcher() {
      @Override
      public @Nullable Object run(int step, StepOutputs outputs,
          StepContext context) {
        return step == 0 ? Boolean.FALSE : "done";
      }

      @Override
      public boolean shouldRun(int step, StepOutputs outputs) {
        return Boolean.TRUE.equals(outputs.get(0));
      }
    });

    assertThat(journal.lines).contains("step ended extra SKIPPED calls=0");
    assertThat(journal.lines.stream().filter(line -> line.startsWith("attempt extra")).toList())
        .isEmpty();
  }
}
