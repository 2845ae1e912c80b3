package dev.braid.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.CostBudgetExceededException;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.Usage;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** braid.model.calls, braid.model.tokens and braid.model.cost. */
@Timeout(30)
class ModelMetricsTest {
  /** $2 per million input tokens, $1 cached, $8 output: 200, 100 and 800 microcents a token. */
  private static final PriceTable PRICES = PriceTable.empty()
      .with("m", ModelPrice.dollarsPerMillion("2.00", "1.00", "8.00"))
      .withFree("free");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private PipelineEngine engine(PipelinePlan.Builder plan) {
    return PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PRICES).listener(BraidMetrics.create(registry)).build());
  }

  /** extract, then draft. */
  private static PipelinePlan.Builder twoSteps(int extractRetries) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("extract").retries(extractRetries);
    plan.step("draft", 0);
    plan.output(1);
    return plan;
  }

  private double calls(String step, String model, String outcome) {
    return registry.get("braid.model.calls")
        .tags("pipeline", "Drafts", "step", step, "model", model, "outcome", outcome)
        .counter().count();
  }

  private double tokens(String model, String type) {
    return registry.get("braid.model.tokens")
        .tags("pipeline", "Drafts", "model", model, "type", type).counter().count();
  }

  private double cost(String model) {
    return registry.get("braid.model.cost").tags("pipeline", "Drafts", "model", model)
        .counter().count();
  }

  @Test
  void countsCallsTokensAndCostByModelAsTheResultDoes() {
    ScriptedModel priced = ScriptedModel.of("m", new ModelResponse<>("facts", 1_000, 400, 500));
    ScriptedModel free = ScriptedModel.answering("free", 30, 20);

    PipelineResult<String> result = engine(twoSteps(0)).execute(
        (outputs, context) -> {
          context.call(priced, "ticket");
          return context.call(free, "ticket").value();
        },
        (outputs, context) -> context.call(priced, "facts").value());

    assertThat(calls("extract", "m", "ok")).isEqualTo(1.0);
    assertThat(calls("extract", "free", "ok")).isEqualTo(1.0);
    assertThat(calls("draft", "m", "ok")).isEqualTo(1.0);
    assertThat(tokens("m", "input")).isEqualTo(2_000.0);
    assertThat(tokens("m", "cached")).isEqualTo(800.0);
    assertThat(tokens("m", "output")).isEqualTo(1_000.0);
    assertThat(tokens("free", "input")).isEqualTo(30.0);
    assertThat(tokens("free", "output")).isEqualTo(20.0);
    assertThat(tokens("free", "cached")).isEqualTo(0.0);
    // Per call: 600 fresh input tokens at 200, 400 cached at 100, 500 output at 800 microcents.
    assertThat(cost("m")).isEqualTo(2.0 * (600 * 200 + 400 * 100 + 500 * 800));
    assertThat(cost("free")).isEqualTo(0.0);
    assertThat(cost("m") + cost("free")).isEqualTo((double) result.usage().costMicrocents());
    assertThat(registry.get("braid.model.cost").counter().getId().getBaseUnit())
        .isEqualTo("microcents");
  }

  @Test
  void countsAFailedTryAsAnErrorAndWhatItWasBilled() {
    ScriptedModel flaky = ScriptedModel.of("m",
        new ModelException("reply cut off", true, 0, null).withTokens(100, 0, 50),
        ModelException.ofStatus(503, "overloaded", null),
        ModelResponse.of("facts", 100, 60));

    PipelineResult<String> result = engine(twoSteps(2)).execute(
        (outputs, context) -> context.call(flaky, "ticket").value(),
        (outputs, context) -> "draft");

    assertThat(calls("extract", "m", "error")).isEqualTo(2.0);
    assertThat(calls("extract", "m", "ok")).isEqualTo(1.0);
    Usage usage = result.usage();
    assertThat(usage.calls()).isEqualTo(3);
    assertThat(tokens("m", "input")).isEqualTo((double) usage.inputTokens());
    assertThat(tokens("m", "output")).isEqualTo((double) usage.outputTokens());
    assertThat(cost("m")).isEqualTo((double) usage.costMicrocents());
  }

  @Test
  void countsWhatARunThatMetItsBudgetSpent() {
    ScriptedModel model = ScriptedModel.answering("m", 10, 10);
    PipelinePlan.Builder plan = twoSteps(0).costBudget(9_000);

    CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
        () -> engine(plan).execute(
            (outputs, context) -> context.call(model, "ticket").value(),
            (outputs, context) -> context.call(model, "facts").value()));

    Usage spent = e.partialResult().orElseThrow().usage();
    double allCalls = registry.find("braid.model.calls").counters().stream()
        .mapToDouble(Counter::count).sum();
    assertThat(allCalls).isEqualTo((double) spent.calls());
    assertThat(cost("m")).isEqualTo((double) spent.costMicrocents());
  }
}
