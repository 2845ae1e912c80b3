package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ModelRequest.callWith: the call a step returns, made as the step's own StepContext.call. */
@Timeout(30)
class ModelRequestTest {
  private static final PriceTable PRICES = PriceTable.empty()
      .with("m", ModelPrice.dollarsPerMillion("2.00", "1.00", "8.00"));

  private static PipelineEngine engine() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("draft");
    plan.output(0);
    return PipelineEngine.create(plan.build(), PipelineConfig.builder().prices(PRICES).build());
  }

  @Test
  void sendsTheRequestThroughTheStepsContextAndRecordsTheCall() {
    FakeModel model = FakeModel.answering("m", 100, 20);
    ModelRequest<String> request = ModelRequest.of(model, "ticket");

    PipelineResult<String> result = engine()
        .execute((outputs, context) -> request.callWith(context));

    assertThat(result.output()).isEqualTo("answer to ticket");
    assertThat(model.calls()).isEqualTo(1);
    assertThat(result.step("draft").usage().calls()).isEqualTo(1);
    assertThat(result.step("draft").usage().model()).hasValue("m");
  }

  @Test
  void itsOwnOptionsReserveAgainstTheRunsBudgetSoAnUnaffordableCallIsNotMade() {
    FakeModel model = FakeModel.answering("m", 100, 20);
    ModelRequest<String> request = ModelRequest.of(model, "ticket")
        .withOptions(CallOptions.builder().costBudget(Money.dollars("$1")).build());
    RunOptions dime = RunOptions.builder().costBudget(Money.dollars("$0.10")).build();

    assertThrows(CostBudgetExceededException.class, () -> engine()
        .execute(dime, new Object[0], (outputs, context) -> request.callWith(context)));

    assertThat(model.calls()).isEqualTo(0);
  }

  @Test
  void describesItsModelRequestAndOptions() {
    FakeModel model = FakeModel.answering("m", 1, 1);
    CallOptions options = CallOptions.builder().tokenBudget(500).build();

    ModelRequest<String> request = ModelRequest.of(model, "ticket").withOptions(options);

    assertThat(request.model()).isEqualTo("m");
    assertThat(request.request()).isEqualTo("ticket");
    assertThat(request.options()).isSameInstanceAs(options);
    assertThat(ModelRequest.of(model, "ticket").options()).isSameInstanceAs(CallOptions.none());
    assertThat(request.toString())
        .isEqualTo("ModelRequest[model=m, CallOptions[costBudget=-1, tokenBudget=500]]");
    assertThrows(NullPointerException.class, () -> ModelRequest.of(model, null));
  }
}
