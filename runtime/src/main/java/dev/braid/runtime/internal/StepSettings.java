package dev.braid.runtime.internal;

import dev.braid.runtime.CallOptions;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepConfig;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The settings one step, or one model call, runs with once every layer of configuration is
 * applied; its factories are the one place that decides which layer a setting comes from. The
 * layers, most general first; each setting comes from the last layer that sets it:
 *
 * <ol>
 *   <li>{@code @Pipeline}: its defaults for every step ({@link PipelinePlan#stepDefaults()});
 *   <li>{@link PipelineConfig#stepDefaults()}: the application's defaults for every step;
 *   <li>{@code @Step}: the step's own attributes ({@link StepPlan#settings()});
 *   <li>{@link PipelineConfig#steps()}: the application's entry for the step;
 *   <li>{@link RunOptions#steps()}: one run's entry for the step;
 *   <li>{@link CallOptions}: one model call's retries, retry delay and timeout ({@link #forCall}).
 * </ol>
 *
 * <p>A layer that leaves a setting unset does not override the ones below, and one that sets it
 * always does: {@code retries(0)} replaces a non-zero default. What no layer sets takes Braid's
 * default: no timeout, no retries, no retry delay, a retry pause cap of {@link
 * #DEFAULT_MAX_RETRY_DELAY} (or the retry delay, if longer), no budgets. Immutable.
 *
 * @param timeout the limit of one attempt (of one try, for a call), or null for none of its own
 * @param costBudget the most the step may spend in microcents, or -1 for no limit
 * @param tokenBudget the most tokens the step may use, or -1 for no limit
 */
record StepSettings(
    @Nullable Duration timeout,
    int retries,
    Duration retryDelay,
    Duration maxRetryDelay,
    long costBudget,
    long tokenBudget) {
  /** The cap on retry pauses when no layer sets one, or the retry delay if that is longer. */
  static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(30);

  /** The settings {@code step} runs with in a run of {@code plan} with {@code config} and {@code options}. */
  static StepSettings forStep(
      PipelinePlan plan, StepPlan step, PipelineConfig config, RunOptions options) {
    return resolve(List.of(
        plan.stepDefaults(),
        config.stepDefaults(),
        step.settings(),
        config.steps().getOrDefault(step.name(), StepConfig.empty()),
        options.steps().getOrDefault(step.name(), StepConfig.empty())));
  }

  /** The settings of the given layers, most general first, over Braid's defaults. */
  static StepSettings resolve(List<StepConfig> layers) {
    Duration retryDelay = last(layers, StepConfig::retryDelay).orElse(Duration.ZERO);
    return new StepSettings(
        last(layers, StepConfig::timeout).orElse(null),
        last(layers, StepConfig::retries).orElse(0),
        retryDelay,
        last(layers, StepConfig::maxRetryDelay).orElseGet(() -> longer(DEFAULT_MAX_RETRY_DELAY, retryDelay)),
        last(layers, StepConfig::costBudget).orElse(-1L),
        last(layers, StepConfig::tokenBudget).orElse(-1L));
  }

  /**
   * The settings one call through {@code StepContext.call} retries with: the call's retries and
   * retry delay where it sets them, else its step's; the pause cap is the step's, raised to the
   * call's retry delay if that is longer. The timeout is the call's own, or null: the attempt's
   * timeout and the run's deadline bound every call anyway, and the earliest of the three wins.
   */
  static StepSettings forCall(StepSettings step, CallOptions call) {
    if (call.retries().isEmpty() && call.retryDelay().isEmpty() && call.timeout().isEmpty()) {
      return step.timeout() == null ? step : new StepSettings(null, step.retries(),
          step.retryDelay(), step.maxRetryDelay(), step.costBudget(), step.tokenBudget());
    }
    Duration retryDelay = call.retryDelay().orElse(step.retryDelay());
    return new StepSettings(
        call.timeout().orElse(null),
        call.retries().orElse(step.retries()),
        retryDelay,
        longer(step.maxRetryDelay(), retryDelay),
        step.costBudget(),
        step.tokenBudget());
  }

  private static <T> Optional<T> last(
      List<StepConfig> layers, Function<StepConfig, Optional<T>> setting) {
    for (int i = layers.size() - 1; i >= 0; i--) {
      Optional<T> value = setting.apply(layers.get(i));
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  private static Duration longer(Duration a, @Nullable Duration b) {
    return b != null && b.compareTo(a) > 0 ? b : a;
  }
}
