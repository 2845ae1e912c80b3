package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.CallOptions;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepConfig;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The order of the layers of a step's settings, each over the one before, and Braid's defaults. */
class StepSettingsTest {
  private static final int LAYERS = 5;

  /**
   * Resolves step "draft" with {@code set} applied to the layers whose numbers are given (1
   * {@code @Pipeline}, 2 config defaults, 3 {@code @Step}, 4 config step, 5 run options), each
   * told its number so that it can set a value that shows where the result came from.
   */
  private static StepSettings resolve(
      BiFunction<StepConfig.Builder, Integer, StepConfig.Builder> set,
      int... layers) {
    List<StepConfig> configs = new ArrayList<>();
    for (int layer = 1; layer <= LAYERS; layer++) {
      StepConfig.Builder builder = StepConfig.builder();
      for (int chosen : layers) {
        if (chosen == layer) {
          set.apply(builder, layer);
        }
      }
      configs.add(builder.build());
    }
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts").stepDefaults(configs.get(0));
    StepConfig own = configs.get(2);
    var step = plan.step("draft");
    own.timeout().ifPresent(step::timeout);
    own.retries().ifPresent(step::retries);
    own.retryDelay().ifPresent(step::retryDelay);
    own.maxRetryDelay().ifPresent(step::maxRetryDelay);
    own.costBudget().ifPresent(step::costBudget);
    own.tokenBudget().ifPresent(step::tokenBudget);
    plan.output(0);
    PipelinePlan built = plan.build();
    PipelineConfig config = PipelineConfig.builder()
        .stepDefaults(configs.get(1)).step("draft", configs.get(3)).build();
    RunOptions options = RunOptions.builder().step("draft", configs.get(4)).build();
    return StepSettings.forStep(built, built.steps().getFirst(), config, options);
  }

  @Test
  void eachLayerOverridesEveryLayerBeforeIt() {
    for (int top = 1; top <= LAYERS; top++) {
      int[] layers = new int[top];
      for (int i = 0; i < top; i++) {
        layers[i] = i + 1;
      }

      StepSettings settings = resolve((step, layer) -> step
          .timeout(Duration.ofSeconds(layer)).retries(layer * 10)
          .retryDelay(Duration.ofMillis(layer)).maxRetryDelay(Duration.ofMillis(layer * 100))
          .costBudget(layer * 1_000L).tokenBudget(layer * 2_000L), layers);

      assertThat(settings).isEqualTo(new StepSettings(Duration.ofSeconds(top), top * 10,
          Duration.ofMillis(top), Duration.ofMillis(top * 100), top * 1_000L, top * 2_000L));
    }
  }

  @Test
  void aLayerThatLeavesASettingUnsetDoesNotOverrideTheOnesBefore() {
    for (int only = 1; only <= LAYERS; only++) {
      int timedLayer = only;
      // Layer `only` sets the timeout; every layer above it sets only the retries.
      int[] above = new int[LAYERS - only];
      for (int i = 0; i < above.length; i++) {
        above[i] = only + 1 + i;
      }
      StepSettings timed = resolve((step, layer) -> step.timeout(Duration.ofSeconds(layer)), only);
      StepSettings both = resolve((step, layer) -> layer == timedLayer
          ? step.timeout(Duration.ofSeconds(layer))
          : step.retries(layer), concat(only, above));

      assertThat(timed.timeout()).isEqualTo(Duration.ofSeconds(only));
      assertThat(both.timeout()).isEqualTo(Duration.ofSeconds(only));
      assertThat(both.retries()).isEqualTo(above.length == 0 ? 0 : LAYERS);
    }
  }

  @Test
  void zeroRetriesInALaterLayerReplacesRetriesOfAnEarlierOne() {
    StepSettings settings =
        resolve((step, layer) -> step.retries(layer == 2 ? 5 : 0), 2, 3);

    assertThat(settings.retries()).isEqualTo(0);
  }

  @Test
  void whatNoLayerSetsTakesBraidsDefaults() {
    StepSettings settings = resolve((step, layer) -> step);

    assertThat(settings).isEqualTo(new StepSettings(null, 0, Duration.ZERO,
        StepSettings.DEFAULT_MAX_RETRY_DELAY, -1, -1));
  }

  @Test
  void theDefaultRetryCapGrowsToALongerRetryDelayFromAnyLayerButAnExplicitCapIsKept() {
    StepSettings slow = resolve((step, layer) -> step.retryDelay(Duration.ofMinutes(1)), 2);
    StepSettings capped = resolve((step, layer) -> layer == 1
        ? step.maxRetryDelay(Duration.ofSeconds(5))
        : step.retryDelay(Duration.ofMinutes(1)), 1, 4);

    assertThat(slow.maxRetryDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(capped.maxRetryDelay()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aCallsOptionsOverrideItsStepsRetriesAndDelayAndBringTheirOwnTimeout() {
    StepSettings step = new StepSettings(Duration.ofSeconds(30), 2, Duration.ofMillis(100),
        Duration.ofSeconds(1), 500, 600);

    StepSettings call = StepSettings.forCall(step, CallOptions.builder()
        .retries(5).retryDelay(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(3)).build());
    StepSettings zero = StepSettings.forCall(step, CallOptions.builder().retries(0).build());
    StepSettings unset = StepSettings.forCall(step, CallOptions.builder()
        .costBudget(10).build());

    assertThat(call).isEqualTo(new StepSettings(Duration.ofSeconds(3), 5, Duration.ofSeconds(2),
        Duration.ofSeconds(2), 500, 600));
    assertThat(zero.retries()).isEqualTo(0);
    assertThat(zero.retryDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(unset).isEqualTo(new StepSettings(null, 2, Duration.ofMillis(100),
        Duration.ofSeconds(1), 500, 600));
  }

  private static int[] concat(int first, int[] rest) {
    int[] all = new int[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
