package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.BudgetExceededException.Scope;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Budgets: a run's budget is one account its parallel steps share; a step's budget is its own; a
 * call's reserves; a call a budget refuses is not made and stops the run.
 */
@Timeout(60)
class BudgetTest {
  /** Every call of the fake model costs exactly this: 10 input and 10 output tokens at $1/M. */
  private static final long CALL = 20 * 100;
  private static final PriceTable PRICES =
      PriceTable.empty().with("m", ModelPrice.dollarsPerMillion("1", "1", "1"));

  private static PipelineEngine engine(PipelinePlan.Builder plan) {
    return PipelineEngine.create(plan.build(), PipelineConfig.builder().prices(PRICES).build());
  }

  private static StepBody calling(FakeModel model) {
    return (outputs, context) -> context.call(model, context.stepName()).value();
  }

  private static PipelinePlan.Builder chain(String... steps) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Agents");
    for (int i = 0; i < steps.length; i++) {
      if (i == 0) {
        plan.step(steps[i]);
      } else {
        plan.step(steps[i], i - 1);
      }
    }
    plan.output(steps.length - 1);
    return plan;
  }

  @Test
  void aRunStopsAtTheFirstCallItsBudgetRefusesWhichIsNotMade() {
    FakeModel model = FakeModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = chain("a", "b", "c", "d").costBudget(2 * CALL + CALL / 2);
    StepThreads threads = new StepThreads();

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> engine(plan).execute(threads.track(
            calling(model), calling(model), calling(model), calling(model))));

    assertThat(model.calls()).isEqualTo(3);
    assertThat(e.stepName()).isEqualTo("d");
    assertThat(e.scope()).isEqualTo(Scope.RUN);
    assertThat(e.budget()).isEqualTo(2 * CALL + CALL / 2);
    assertThat(e.spent()).isEqualTo(3 * CALL);
    assertThat(e.usage().calls()).isEqualTo(3);
    assertThat(e).hasMessageThat().isEqualTo("Step 'd' of pipeline 'Agents' reached the run's cost"
        + " budget of $0.00005 ($0.00006 spent); raise the budget or make the step do less");
    PipelineResult<?> partial = e.partialResult().orElseThrow();
    assertThat(partial.usage()).isEqualTo(e.usage());
    assertThat(partial.step("c").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(partial.step("d").status()).isEqualTo(StepStatus.FAILED);
    assertThat(partial.step("d").failure()).isInstanceOf(CostBudgetExceededException.class);
    threads.assertAllEnded();
  }

  @Test
  void aStepThatCatchesTheRefusalStillEndsTheRun() {
    FakeModel model = FakeModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = chain("a", "b").costBudget(CALL);
    AtomicInteger fallbacks = new AtomicInteger();

    assertThrows(CostBudgetExceededException.class, () -> engine(plan).execute(
        calling(model),
        (outputs, context) -> {
          try {
            return context.call(model, "b").value();
          } catch (BudgetExceededException refused) {
            fallbacks.incrementAndGet();
            return "fallback";
          }
        }));

    assertThat(fallbacks.get()).isEqualTo(1);
    assertThat(model.calls()).isEqualTo(1);
  }

  @Test
  void anOptionalStepsRefusalStillEndsTheRun() {
    FakeModel model = FakeModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = PipelinePlan.builder("Agents").costBudget(0);
    plan.step("enrich").optional();
    plan.step("answer", 0);
    plan.output(1);

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> engine(plan).execute(calling(model), (outputs, context) -> "answer"));

    assertThat(e.stepName()).isEqualTo("enrich");
    assertThat(model.calls()).isEqualTo(0);
    assertThat(e.partialResult().orElseThrow().step("answer").status())
        .isEqualTo(StepStatus.NOT_STARTED);
  }

  @Test
  void aStepsBudgetLimitsItsOwnCallsOverAllAttempts() {
    FakeModel model = FakeModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = PipelinePlan.builder("Agents").costBudget(100 * CALL);
    plan.step("draft").costBudget(2 * CALL).retries(3);
    plan.output(0);

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> engine(plan).execute((outputs, context) -> {
          context.call(model, "one");
          context.call(model, "two");
          context.call(model, "three");
          return "done";
        }));

    assertThat(model.calls()).isEqualTo(2);
    assertThat(e.scope()).isEqualTo(Scope.STEP);
    assertThat(e.budget()).isEqualTo(2 * CALL);
    assertThat(e.spent()).isEqualTo(2 * CALL);
    assertThat(e.partialResult().orElseThrow().step("draft").attemptCount()).isEqualTo(1);
  }

  @Test
  void aCallReservesItsOwnBudgetSoOneThatCouldOverrunTheRunsIsNotMade() {
    FakeModel model = FakeModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = chain("draft").costBudget(10 * CALL);
    CallOptions tooDear = CallOptions.builder().costBudget(11 * CALL).build();

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> engine(plan).execute(
            (outputs, context) -> context.call(model, "x", tooDear).value()));

    assertThat(model.calls()).isEqualTo(0);
    assertThat(e.scope()).isEqualTo(Scope.RUN);
    assertThat(e.spent()).isEqualTo(0);
  }

  @Test
  void aCallThatCostsMoreThanItsOwnBudgetIsRecordedThenEndsTheRun() {
    FakeModel model = FakeModel.answering("m", 10, 10);
    CallOptions cheap = CallOptions.builder().costBudget(CALL / 2).build();

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> engine(chain("draft")).execute(
            (outputs, context) -> context.call(model, "x", cheap).value()));

    assertThat(model.calls()).isEqualTo(1);
    assertThat(e.scope()).isEqualTo(Scope.CALL);
    assertThat(e.spent()).isEqualTo(CALL);
    assertThat(e.usage().costMicrocents()).isEqualTo(CALL);
  }

  @Test
  void aTokenBudgetCountsInputAndOutputTokens() {
    FakeModel model = FakeModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = chain("a", "b", "c").tokenBudget(40);

    TokenBudgetExceededException e = assertThrows(TokenBudgetExceededException.class,
        () -> engine(plan).execute(calling(model), calling(model), calling(model)));

    assertThat(model.calls()).isEqualTo(2);
    assertThat(e.stepName()).isEqualTo("c");
    assertThat(e).hasMessageThat().isEqualTo("Step 'c' of pipeline 'Agents' reached the run's"
        + " token budget of 40 tokens (40 tokens spent); raise the budget or make the step do less");
  }

  @Test
  void aFreeModelIsNotHeldToACostBudget() {
    FakeModel model = FakeModel.answering("local", 10, 10);
    PipelineEngine engine = PipelineEngine.create(chain("a", "b").costBudget(0).build(),
        PipelineConfig.builder().prices(PriceTable.empty().withFree("local")).build());

    PipelineResult<String> result = engine.execute(calling(model), calling(model));

    assertThat(result.usage().calls()).isEqualTo(2);
  }

  @Test
  void runOptionsReplaceThePipelinesBudgetAndConfigReplacesAStepsOwn() {
    FakeModel model = FakeModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = PipelinePlan.builder("Agents").costBudget(0);
    plan.step("draft").costBudget(0);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PRICES)
        .step("draft", StepConfig.builder().costBudget(5 * CALL).build())
        .build());

    PipelineResult<String> result = engine.execute(
        RunOptions.builder().costBudget(5 * CALL).build(), new Object[0], calling(model));

    assertThat(result.usage().calls()).isEqualTo(1);
  }

  /**
   * Two branches whose calls are always in flight together (each call waits for the other branch's
   * at a barrier) draw on one budget: together they overspend by at most one call each.
   */
  @Test
  void parallelBranchesShareOneBudgetAndOverspendByAtMostOneCallInFlightEach() {
    CyclicBarrier together = new CyclicBarrier(2);
    ModelClient<String, String> model = new ModelClient<>() {
      @Override
      public String model() {
        return "m";
      }

      @Override
      public ModelResponse<String> call(String request, ModelCall call) throws Exception {
        Waits.await(together, "the other branch's call");
        return ModelResponse.of("ok", 10, 10);
      }
    };
    StepBody spendForever = (outputs, context) -> {
      while (true) {
        context.call(model, context.stepName());
      }
    };
    PipelinePlan.Builder plan = PipelinePlan.builder("Agents").costBudget(9 * CALL);
    plan.step("left");
    plan.step("right");
    plan.step("join", 0, 1);
    plan.output(2);

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> engine(plan).execute(spendForever, spendForever, (outputs, context) -> "never"));

    long spent = e.usage().costMicrocents();
    assertThat(spent).isAtLeast(9 * CALL);
    assertThat(spent).isAtMost(9 * CALL + 2 * CALL);
    assertThat(e.partialResult().orElseThrow().step("join").status())
        .isEqualTo(StepStatus.NOT_STARTED);
  }

  /** Eight branches calling at random moments never overspend by more than one call each. */
  @RepeatedTest(20)
  void manyBranchesNeverOverspendByMoreThanOneCallEach() {
    int branches = 8;
    long budget = 37 * CALL;
    CountDownLatch started = new CountDownLatch(branches);
    ModelClient<String, String> model = new ModelClient<>() {
      @Override
      public String model() {
        return "m";
      }

      @Override
      public ModelResponse<String> call(String request, ModelCall call) throws Exception {
        if (ThreadLocalRandom.current().nextBoolean()) {
          Thread.sleep(0, ThreadLocalRandom.current().nextInt(200_000));
        }
        return ModelResponse.of("ok", 10, 10);
      }
    };
    PipelinePlan.Builder plan = PipelinePlan.builder("Agents").costBudget(budget);
    StepBody[] bodies = new StepBody[branches + 1];
    int[] all = new int[branches];
    for (int i = 0; i < branches; i++) {
      plan.step("branch" + i);
      all[i] = i;
      bodies[i] = (outputs, context) -> {
        started.countDown();
        Waits.await(started, "every branch to start");
        while (true) {
          context.call(model, context.stepName());
        }
      };
    }
    plan.step("join", all);
    plan.output(branches);
    bodies[branches] = (outputs, context) -> "never";

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> engine(plan).execute(bodies));

    assertThat(e.usage().costMicrocents()).isAtLeast(budget);
    assertThat(e.usage().costMicrocents()).isAtMost(budget + branches * CALL);
  }
}
