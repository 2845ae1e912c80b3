package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StepContext#settings()}: what a step runs with, resolved, and what it has left. */
@Timeout(30)
class EffectiveSettingsTest {
  private static final PriceTable PRICES = PriceTable.empty()
      .with("m", ModelPrice.dollarsPerMillion("1.00", "1.00", "1.00"));

  @Test
  void aStepSeesItsResolvedSettingsFromEveryLayer() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts")
        .stepDefaults(StepConfig.builder().retries(4).build());
    plan.step("draft").retryDelay(Duration.ofMillis(5));
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .stepDefaults(StepConfig.builder().timeout(Duration.ofMinutes(2)).build())
        .step("draft", StepConfig.builder().costBudget(9_000).build())
        .build());
    List<EffectiveSettings> seen = new ArrayList<>();

    engine.execute(RunOptions.builder().deadline(Duration.ofMinutes(1))
            .step("draft", StepConfig.builder().tokenBudget(700).build()).build(), new Object[0],
        (outputs, context) -> {
          seen.add(context.settings());
          return "done";
        });

    EffectiveSettings settings = seen.getFirst();
    assertThat(settings.timeout()).hasValue(Duration.ofMinutes(2));
    assertThat(settings.retries()).isEqualTo(4);
    assertThat(settings.retryDelay()).isEqualTo(Duration.ofMillis(5));
    assertThat(settings.maxRetryDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.costBudget()).isEqualTo(OptionalLong.of(9_000));
    assertThat(settings.tokenBudget()).isEqualTo(OptionalLong.of(700));
    // The run's one-minute deadline comes before the two-minute attempt timeout.
    assertThat(settings.remaining().orElseThrow()).isAtMost(Duration.ofMinutes(1));
    assertThat(settings.remaining().orElseThrow()).isGreaterThan(Duration.ZERO);
  }

  @Test
  void whatIsLeftOfTheBudgetsShrinksAsCallsSpendAndTheTighterBudgetCounts() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("draft").tokenBudget(1_000);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PRICES).costBudget(50_000).tokenBudget(5_000).build());
    FakeModel model = FakeModel.answering("m", 100, 50);
    List<EffectiveSettings> seen = new ArrayList<>();

    engine.execute((outputs, context) -> {
      seen.add(context.settings());
      context.call(model, "x");
      seen.add(context.settings());
      return "done";
    });

    // 150 tokens at 100 microcents each.
    assertThat(seen.get(0).tokensRemaining()).isEqualTo(OptionalLong.of(1_000));
    assertThat(seen.get(0).costRemaining()).isEqualTo(OptionalLong.of(50_000));
    assertThat(seen.get(1).tokensRemaining()).isEqualTo(OptionalLong.of(850));
    assertThat(seen.get(1).costRemaining()).isEqualTo(OptionalLong.of(35_000));
    assertThat(seen.get(1).costBudget()).isEqualTo(OptionalLong.empty());
  }

  @Test
  void aStepWithoutLimitsSeesNone() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("draft");
    plan.output(0);
    List<EffectiveSettings> seen = new ArrayList<>();

    PipelineEngine.create(plan.build()).execute((outputs, context) -> {
      seen.add(context.settings());
      return "done";
    });

    assertThat(seen.getFirst()).isEqualTo(new EffectiveSettings(Optional.empty(), 0,
        Duration.ZERO, Duration.ofSeconds(30), Optional.empty(), OptionalLong.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()));
  }

  @Test
  void aContextMadeByHandLimitsNothingButReportsItsRemainingTime() {
    StepContext context = new StepContext() {
      @Override
      public String pipelineName() {
        return "Drafts";
      }

      @Override
      public String stepName() {
        return "draft";
      }

      @Override
      public int attempt() {
        return 1;
      }

      @Override
      public Optional<Duration> remaining() {
        return Optional.of(Duration.ofSeconds(3));
      }
    };

    assertThat(context.settings().remaining()).hasValue(Duration.ofSeconds(3));
    assertThat(context.settings().retries()).isEqualTo(0);
    assertThat(context.settings().timeout()).isEmpty();
  }
}
