package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.BudgetExceededException.Scope;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Child runs: a step runs another pipeline with {@link RunOptions#childOf}, which shares the step's
 * deadline, budgets and cancellation, and appears nested in the step's record.
 */
@Timeout(30)
class SubPipelineTest {
  /** 10 input and 10 output tokens at $1 per million each: 2,000 microcents a call. */
  private static final long CALL = 2_000;
  private static final PriceTable PRICES =
      PriceTable.empty().with("m", ModelPrice.dollarsPerMillion("1", "1", "1"));
  private static final FakeModel MODEL = FakeModel.answering("m", 10, 10);

  private static PipelineEngine engine(PipelinePlan.Builder plan) {
    return PipelineEngine.create(plan.build(), PipelineConfig.builder().prices(PRICES).build());
  }

  private static PipelinePlan.Builder single(String pipeline, String step) {
    PipelinePlan.Builder plan = PipelinePlan.builder(pipeline);
    plan.step(step);
    plan.output(0);
    return plan;
  }

  @Test
  void aChildRunAppearsInItsStepsRecordAndItsUsageRollsUp() {
    PipelineEngine refunds = engine(single("Refunds", "decide"));
    PipelineEngine support = engine(single("Support", "escalate"));

    PipelineResult<String> result = support.execute(RunOptions.defaults(), new Object[0],
        (outputs, context) -> refunds.<String>execute(RunOptions.childOf(context), new Object[0],
            (childOutputs, childContext) -> childContext.call(MODEL, "refund?").value()).output());

    StepRecord escalate = result.step("escalate");
    assertThat(result.output()).isEqualTo("answer to refund?");
    assertThat(escalate.childRuns()).hasSize(1);
    PipelineResult<?> child = escalate.childRuns().getFirst();
    assertThat(child.pipelineName()).isEqualTo("Refunds");
    assertThat(child.step("decide").usage().costMicrocents()).isEqualTo(CALL);
    assertThat(escalate.usage().costMicrocents()).isEqualTo(CALL);
    assertThat(escalate.attempts().getFirst().usage().calls()).isEqualTo(1);
    assertThat(result.usage().costMicrocents()).isEqualTo(CALL);
  }

  @Test
  void aChildRunEndsByItsParentStepsDeadline() {
    PipelineEngine child = engine(single("Child", "work"));
    PipelineEngine parent = engine(single("Parent", "delegate"));
    AtomicReference<Instant> parentDeadline = new AtomicReference<>();
    AtomicReference<Instant> childDeadline = new AtomicReference<>();

    parent.execute(RunOptions.builder().deadline(Duration.ofSeconds(20)).build(), new Object[0],
        (outputs, context) -> {
          parentDeadline.set(context.deadline().orElseThrow());
          return child.execute(RunOptions.childOf(context), new Object[0],
              (childOutputs, childContext) -> {
                childDeadline.set(childContext.deadline().orElseThrow());
                return "done";
              }).output();
        });

    assertThat(childDeadline.get()).isAtMost(parentDeadline.get().plusMillis(1));
    assertThat(childDeadline.get()).isAtLeast(parentDeadline.get().minusSeconds(5));
  }

  @Test
  void aChildRunDrawsOnItsParentsBudgetAndARefusalStopsBoth() {
    PipelineEngine child = engine(single("Child", "spend"));
    PipelinePlan.Builder plan = single("Parent", "delegate");
    plan.costBudget(2 * CALL + CALL / 2);
    PipelineEngine parent = engine(plan);

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> parent.execute(RunOptions.defaults(), new Object[0], (outputs, context) -> {
          context.call(MODEL, "parent's own call");
          return child.execute(RunOptions.childOf(context), new Object[0],
              (childOutputs, childContext) -> {
                while (true) {
                  childContext.call(MODEL, "child's call");
                }
              }).output();
        }));

    assertThat(e.scope()).isEqualTo(Scope.RUN);
    assertThat(e.stepName()).isEqualTo("delegate");
    assertThat(e.usage().calls()).isEqualTo(3);
    StepRecord delegate = e.partialResult().orElseThrow().step("delegate");
    assertThat(delegate.childRuns()).hasSize(1);
    assertThat(delegate.childRuns().getFirst().usage().calls()).isEqualTo(2);
  }

  @Test
  void cancellingTheParentCancelsTheChild() throws Exception {
    PipelineEngine child = engine(single("Child", "wait"));
    PipelineEngine parent = engine(single("Parent", "delegate"));
    CountDownLatch childWaiting = new CountDownLatch(1);
    CountDownLatch childInterrupted = new CountDownLatch(1);
    StepThreads threads = new StepThreads();

    CompletableFuture<PipelineResult<String>> run = parent.executeAsync(RunOptions.defaults(),
        new Object[0], threads.track((outputs, context) -> child.<String>execute(
            RunOptions.childOf(context), new Object[0],
            threads.track((childOutputs, childContext) -> {
              childWaiting.countDown();
              Waits.blockUntilInterrupted(childInterrupted);
              return "unreachable";
            })).output()));
    Waits.await(childWaiting, "the child step to start");
    run.cancel(true);

    Waits.await(childInterrupted, "the child step to be interrupted");
    assertThrows(CancellationException.class, () -> run.get(10, TimeUnit.SECONDS));
  }

  @Test
  void onlyARunningStepsContextCanParentARun() {
    StepContext handMade = new StepContext() {
      @Override
      public String pipelineName() {
        return "Test";
      }

      @Override
      public String stepName() {
        return "step";
      }

      @Override
      public int attempt() {
        return 1;
      }
    };
    PipelineEngine child = engine(single("Child", "work"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> child.execute(RunOptions.childOf(handMade), new Object[0], (o, c) -> "x"));

    assertThat(e).hasMessageThat().startsWith("RunOptions.childOf needs the StepContext Braid"
        + " passed to a running step, not ");
  }
}
