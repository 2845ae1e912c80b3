package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StepContext.call: pricing, usage per attempt, step and run, and retries of the call itself. */
@Timeout(30)
class ModelCallTest {
  /** $2 per million input tokens, $1 cached, $8 output: 200, 100 and 800 microcents a token. */
  private static final PriceTable PRICES = PriceTable.empty()
      .with("m", ModelPrice.dollarsPerMillion("2.00", "1.00", "8.00"));

  private static PipelineEngine engine(PipelinePlan.Builder plan) {
    return PipelineEngine.create(plan.build(), PipelineConfig.builder().prices(PRICES).build());
  }

  private static PipelinePlan.Builder oneStep(int retries) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("draft").retries(retries);
    plan.output(0);
    return plan;
  }

  @Test
  void recordsEachCallsTokensPricedByTheRunsTableOnTheAttemptTheStepAndTheRun() {
    FakeModel model = new FakeModel("m", new ModelResponse<>("hi", 1_000, 400, 500));

    PipelineResult<String> result = engine(oneStep(0)).execute(
        (outputs, context) -> context.call(model, "ticket").value());

    // 600 fresh input tokens at 200, 400 cached at 100, 500 output at 800 microcents.
    Usage expected = new Usage(1_000, 400, 500, 1, 600 * 200 + 400 * 100 + 500 * 800);
    assertThat(result.output()).isEqualTo("hi to ticket");
    assertThat(counts(result.step("draft").usage())).isEqualTo(expected);
    assertThat(counts(result.step("draft").attempts().getFirst().usage())).isEqualTo(expected);
    assertThat(counts(result.usage())).isEqualTo(expected);
    assertThat(result.usage().model()).hasValue("m");
    assertThat(expected.totalTokens()).isEqualTo(1_500);
  }

  @Test
  void eachCallRecordsItsModelAndLatencyAndTheRunKeepsThemPerModel() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("extract");
    plan.step("draft", 0);
    plan.output(1);
    FakeModel cheap = FakeModel.answering("m", 100, 20);
    ModelClient<String, String> slow = new ModelClient<>() {
      @Override
      public String model() {
        return "m";
      }

      @Override
      public ModelResponse<String> call(String request, ModelCall call) throws Exception {
        Thread.sleep(30);
        return ModelResponse.of("slow " + request, 10, 1);
      }
    };

    PipelineResult<String> result = engine(plan).execute(
        (outputs, context) -> context.call(cheap, "x").value(),
        (outputs, context) -> context.call(slow, "y").value() + context.call(cheap, "z").value());

    Usage draft = result.step("draft").usage();
    assertThat(draft.calls()).isEqualTo(2);
    assertThat(draft.model()).hasValue("m");
    assertThat(draft.latency()).isAtLeast(Duration.ofMillis(30));
    assertThat(draft.byModel().get("m").latency()).isEqualTo(draft.latency());
    assertThat(result.usage().byModel().get("m").calls()).isEqualTo(3);
    assertThat(result.usage().latency())
        .isEqualTo(result.step("extract").usage().latency().plus(draft.latency()));
  }

  @Test
  void aRunThatCallsSeveralModelsBreaksItsUsageDownByModel() {
    FakeModel classifier = FakeModel.answering("m", 100, 20);
    FakeModel failing = new FakeModel("other", ModelException.ofStatus(400, "bad request", null));

    PipelineEngine engine = PipelineEngine.create(oneStep(0).build(),
        PipelineConfig.builder().prices(PRICES.withFree("other")).build());

    PipelineResult<String> result = engine.execute((outputs, context) -> {
      try {
        context.call(failing, "first");
      } catch (ModelException expected) {
        // The failed call still counts, under its model.
      }
      return context.call(classifier, "second").value();
    });

    Usage usage = result.usage();
    assertThat(usage.model()).isEmpty();
    assertThat(usage.byModel().keySet()).containsExactly("m", "other").inOrder();
    assertThat(usage.byModel().get("other").calls()).isEqualTo(1);
    assertThat(usage.byModel().get("other").totalTokens()).isEqualTo(0);
    assertThat(usage.byModel().get("m").costMicrocents()).isEqualTo(usage.costMicrocents());
    assertThat(result.usageTable()).contains("  m x1, other x1");
  }

  @Test
  void rendersAUsageTableOfTheStepsThatMadeCalls() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("extract");
    plan.step("quiet", 0);
    plan.step("draft", 1);
    plan.output(2);
    FakeModel model = FakeModel.answering("m", 100, 20);

    PipelineResult<String> result = engine(plan).execute(
        (outputs, context) -> context.call(model, "x").value(),
        (outputs, context) -> "no call",
        (outputs, context) -> context.call(model, "y").value());

    // Latencies vary from run to run; the table right-aligns them in a column of their own.
    assertThat(result.usageTable().replaceAll(" +\\d+ ms  ", " <t> ms  ")).isEqualTo(
        String.join("\n",
            "step     calls  input  cached  output  total      cost  latency  models",
            "extract      1    100       0      20    120  $0.00036 <t> ms  m",
            "draft        1    100       0      20    120  $0.00036 <t> ms  m",
            "total        2    200       0      40    240  $0.00072 <t> ms  m"));
  }

  @Test
  void retriesARetryableFailureWithinTheAttemptAndCountsEveryTry() {
    FakeModel model = new FakeModel("m",
        ModelException.ofStatus(429, "rate limited", null), ModelResponse.of("done", 10, 5));

    PipelineResult<String> result = engine(oneStep(2)).execute(
        (outputs, context) -> context.call(model, "ticket").value());

    StepRecord draft = result.step("draft");
    assertThat(result.output()).isEqualTo("done to ticket");
    assertThat(model.calls()).isEqualTo(2);
    assertThat(draft.attemptCount()).isEqualTo(1);
    assertThat(draft.usage().calls()).isEqualTo(2);
    assertThat(draft.usage().inputTokens()).isEqualTo(10);
  }

  @Test
  void doesNotRetryAFailureTheProviderSaysIsFinalNorLetsTheStepRetryIt() {
    FakeModel model = new FakeModel("m", ModelException.ofStatus(400, "bad request", null));
    PipelineEngine engine = engine(oneStep(3));

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> context.call(model, "ticket").value()));

    assertThat(model.calls()).isEqualTo(1);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e).hasCauseThat().isInstanceOf(ModelException.class);
    assertThat(e.partialResult().orElseThrow().usage().calls()).isEqualTo(1);
  }

  @Test
  void aFailedCallThatReportsItsTokensIsBilledForThem() {
    FakeModel model = new FakeModel("m",
        new ModelException("reply cut off", true, 0, null).withTokens(100, 0, 50),
        ModelResponse.of("done", 100, 60));

    PipelineResult<String> result = engine(oneStep(1)).execute(
        (outputs, context) -> context.call(model, "ticket").value());

    assertThat(counts(result.usage())).isEqualTo(
        new Usage(200, 0, 110, 2, 200 * 200 + 110 * 800));
  }

  @Test
  void aCallThatSpentItsRetriesIsNotRetriedAgainByItsStep() {
    FakeModel model = new FakeModel("m", ModelException.ofStatus(503, "overloaded", null));
    PipelineEngine engine = engine(oneStep(2));

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> context.call(model, "ticket").value()));

    assertThat(model.calls()).isEqualTo(3);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.partialResult().orElseThrow().step("draft").usage().calls()).isEqualTo(3);
  }

  @Test
  void aCheckedFailureIsRetriedAsTheStepSaysThenWrapped() {
    FakeModel model = new FakeModel("m", new IOException("connection reset"));
    PipelineEngine engine = engine(oneStep(1));

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> context.call(model, "ticket").value()));

    assertThat(model.calls()).isEqualTo(2);
    assertThat(e).hasCauseThat().isInstanceOf(ModelException.class);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("Model 'm' failed in step 'draft' of"
        + " pipeline 'Drafts': java.io.IOException: connection reset");
    assertThat(e).hasCauseThat().hasCauseThat().isInstanceOf(IOException.class);
  }

  @Test
  void aStepFailingAfterItsCallsKeepsTheirUsageAndItsRetryCountsToo() {
    FakeModel model = FakeModel.answering("m", 10, 10);

    PipelineResult<String> result = engine(oneStep(1)).execute((outputs, context) -> {
      String answer = context.call(model, "ticket").value();
      if (context.attempt() == 1) {
        throw new IllegalStateException("could not parse " + answer);
      }
      return answer;
    });

    StepRecord draft = result.step("draft");
    assertThat(draft.attemptCount()).isEqualTo(2);
    assertThat(draft.attempts().get(0).outcome()).isEqualTo(AttemptOutcome.FAILED);
    assertThat(draft.attempts().get(0).usage().calls()).isEqualTo(1);
    assertThat(draft.attempts().get(1).usage().calls()).isEqualTo(1);
    assertThat(draft.usage().calls()).isEqualTo(2);
    assertThat(result.usage().costMicrocents()).isEqualTo(2 * (10 * 200 + 10 * 800));
  }

  @Test
  void aTimedOutAttemptsCallIsCounted() {
    ModelClient<String, String> hangs = new ModelClient<>() {
      @Override
      public String model() {
        return "m";
      }

      @Override
      public ModelResponse<String> call(String request, ModelCall call) throws Exception {
        assertThat(call.remaining()).isPresent();
        Thread.sleep(Duration.ofSeconds(30));
        throw new AssertionError("the attempt's timeout should have interrupted the call");
      }
    };
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("draft").timeout(Duration.ofMillis(50)).retries(1);
    plan.output(0);
    PipelineEngine engine = engine(plan);

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> context.call(hangs, "ticket").value()));

    StepRecord draft = e.partialResult().orElseThrow().step("draft");
    assertThat(draft.attemptCount()).isEqualTo(2);
    assertThat(draft.attempts().get(0).outcome()).isEqualTo(AttemptOutcome.TIMED_OUT);
    assertThat(draft.attempts().get(0).usage().calls()).isEqualTo(1);
    assertThat(draft.usage().calls()).isEqualTo(2);
  }

  @Test
  void aModelWithoutAPriceIsAnErrorBeforeAnyCallIsMade() {
    FakeModel model = FakeModel.answering("gpt-4o-mni", 10, 10);
    PipelineEngine engine = PipelineEngine.create(oneStep(2).build());

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> context.call(model, "ticket").value()));

    assertThat(model.calls()).isEqualTo(0);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("Step 'draft' of pipeline 'Drafts'"
        + " cannot call a model it cannot price: Model 'gpt-4o-mni' has no price (did you mean"
        + " 'gpt-4o-mini'?); add one with PriceTable.defaults().with(\"gpt-4o-mni\","
        + " ModelPrice.dollarsPerMillion(input, cachedInput, output)), or declare it free with"
        + " .withFree(\"gpt-4o-mni\"), and give the table to PipelineConfig.prices; or add the"
        + " line 'gpt-4o-mni = free' to braid-prices.properties in the application's resources");
  }

  @Test
  void aModelDeclaredFreeCostsNothingButItsCallsAndTokensCount() {
    FakeModel model = FakeModel.answering("llama-local", 30, 20);
    PipelineEngine engine = PipelineEngine.create(oneStep(0).build(),
        PipelineConfig.builder().prices(PriceTable.defaults().withFree("llama-local")).build());

    PipelineResult<String> result =
        engine.execute((outputs, context) -> context.call(model, "ticket").value());

    assertThat(counts(result.usage())).isEqualTo(new Usage(30, 0, 20, 1, 0));
  }

  @Test
  void runOptionsPricesWinOverTheConfigs() {
    FakeModel model = FakeModel.answering("m", 1_000_000, 0);
    PipelineEngine engine = engine(oneStep(0));
    RunOptions cheaper = RunOptions.builder()
        .prices(PriceTable.empty().with("m", ModelPrice.dollarsPerMillion("0.50", "0", "0")))
        .build();

    PipelineResult<String> result = engine.execute(cheaper, new Object[0],
        (outputs, context) -> context.call(model, "ticket").value());

    assertThat(result.usage().costMicrocents()).isEqualTo(50 * Microcents.CENT);
  }

  @Test
  void theContextTellsTheStepWhatItsCallsHaveUsedSoFar() {
    FakeModel model = FakeModel.answering("m", 10, 10);

    PipelineResult<Long> result = engine(oneStep(0)).execute((outputs, context) -> {
      context.call(model, "one");
      context.call(model, "two");
      return context.usage().calls();
    });

    assertThat(result.output()).isEqualTo(2L);
  }

  /** {@code usage}'s token, call and cost counts, without the latencies and models it records. */
  static Usage counts(Usage usage) {
    return new Usage(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(),
        usage.calls(), usage.costMicrocents());
  }
}
