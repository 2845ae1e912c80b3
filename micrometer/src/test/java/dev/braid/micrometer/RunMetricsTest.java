package dev.braid.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.BraidException;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.CostBudgetExceededException;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** braid.run.duration by outcome, and braid.runs.active. */
@Timeout(30)
class RunMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final BraidMetrics metrics = BraidMetrics.create(registry);

  private PipelineEngine engine(PipelinePlan.Builder plan, RunListener... more) {
    PipelineConfig.Builder config = PipelineConfig.builder().listener(metrics);
    for (RunListener listener : more) {
      config.listener(listener);
    }
    return PipelineEngine.create(plan.build(), config.build());
  }

  private static PipelinePlan.Builder oneStep() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft");
    plan.output(0);
    return plan;
  }

  private Timer runs(String outcome) {
    return registry.get("braid.run.duration")
        .tags("pipeline", "Replies", "outcome", outcome).timer();
  }

  private double active() {
    return registry.get("braid.runs.active").tag("pipeline", "Replies").gauge().value();
  }

  @Test
  void aSuccessfulRunIsTimedAsSucceededAndNoLongerActive() {
    PipelineResult<String> result = engine(oneStep()).execute((outputs, context) -> "hi");

    assertThat(runs("succeeded").count()).isEqualTo(1);
    assertThat(runs("succeeded").totalTime(NANOSECONDS))
        .isEqualTo((double) result.duration().toNanos());
    assertThat(active()).isEqualTo(0.0);
  }

  @Test
  void aRunWhoseStepFailedIsTimedAsFailed() {
    PipelineEngine engine = engine(oneStep());

    assertThrows(StepExecutionException.class, () -> engine.execute((outputs, context) -> {
      throw new IllegalStateException("model down");
    }));

    assertThat(runs("failed").count()).isEqualTo(1);
    assertThat(registry.find("braid.run.duration").tag("outcome", "succeeded").timer()).isNull();
    assertThat(active()).isEqualTo(0.0);
  }

  @Test
  void aRunThatMetItsBudgetIsTimedAsBudget() {
    PriceTable prices = PriceTable.empty().with("m", ModelPrice.dollarsPerMillion("1", "1", "1"));
    ScriptedModel model = ScriptedModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = oneStep().costBudget(1_000);
    PipelineEngine engine = PipelineEngine.create(plan.build(),
        PipelineConfig.builder().prices(prices).listener(metrics).build());

    // The first call spends the budget; the second is refused.
    assertThrows(CostBudgetExceededException.class, () -> engine.execute(
        (outputs, context) -> context.call(model, "x").value() + context.call(model, "y").value()));

    assertThat(runs("budget").count()).isEqualTo(1);
    assertThat(active()).isEqualTo(0.0);
  }

  @Test
  void aRunPastItsDeadlineIsTimedAsDeadline() {
    PipelineEngine engine = engine(oneStep().deadline(Duration.ofMillis(50)));

    assertThrows(RunDeadlineExceededException.class, () -> engine.execute(
        (outputs, context) -> {
          new CountDownLatch(1).await(10, SECONDS);
          throw new AssertionError("the deadline never interrupted the step");
        }));

    assertThat(runs("deadline").count()).isEqualTo(1);
    assertThat(active()).isEqualTo(0.0);
  }

  @Test
  void aCancelledRunIsTimedAsCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    RunEnds ends = new RunEnds();
    PipelineEngine engine = engine(oneStep(), ends);

    CompletableFuture<PipelineResult<String>> run = engine.executeAsync(
        RunOptions.defaults(), new Object[0], (outputs, context) -> {
          started.countDown();
          new CountDownLatch(1).await(10, SECONDS);
          throw new AssertionError("the cancel never interrupted the step");
        });
    assertThat(started.await(10, SECONDS)).isTrue();
    run.cancel(true);

    // Listeners are called in order, so metrics have recorded the run once this one heard it end.
    assertThat(ends.latch.await(10, SECONDS)).isTrue();
    assertThat(runs("cancelled").count()).isEqualTo(1);
    assertThat(active()).isEqualTo(0.0);
  }

  @Test
  void aRunThatStoppedEarlyIsTimedAsStoppedEarly() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("check").conversational();
    plan.step("send", 0);
    plan.output(1);

    PipelineResult<String> result = engine(plan).execute(
        (outputs, context) -> ConversationState.incomplete("draft", "Ask for the order number."),
        (outputs, context) -> "sent");

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(runs("stopped_early").count()).isEqualTo(1);
  }

  @Test
  void countsRunsInProgressPerPipeline() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    PipelineEngine engine = engine(oneStep());
    StepBody body = (outputs, context) -> {
      bothStarted.countDown();
      assertThat(release.await(10, SECONDS)).isTrue();
      return "done";
    };

    CompletableFuture<PipelineResult<Object>> first =
        engine.executeAsync(RunOptions.defaults(), new Object[0], body);
    CompletableFuture<PipelineResult<Object>> second =
        engine.executeAsync(RunOptions.defaults(), new Object[0], body);
    assertThat(bothStarted.await(10, SECONDS)).isTrue();
    double whileRunning = active();
    release.countDown();
    first.get(10, SECONDS);
    second.get(10, SECONDS);

    assertThat(whileRunning).isEqualTo(2.0);
    assertThat(active()).isEqualTo(0.0);
    assertThat(runs("succeeded").count()).isEqualTo(2);
  }

  /** Opens its latch when a run ends. */
  private static final class RunEnds implements RunListener {
    final CountDownLatch latch = new CountDownLatch(1);

    @Override
    public void runEnded(RunEvent run, PipelineResult<?> result, @Nullable BraidException failure) {
      latch.countDown();
    }
  }
}
