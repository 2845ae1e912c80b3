package dev.braid.runtime.internal;

import dev.braid.runtime.StepConfig;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings one step runs with once every level of configuration is applied: {@code @Pipeline}
 * defaults and {@code @Step} attributes (already merged in the {@link StepPlan}), then {@code
 * PipelineConfig}, then {@code RunOptions}. Immutable.
 *
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

  static StepSettings of(StepPlan step) {
    return new StepSettings(step.timeout(), step.retries(), step.retryDelay(), step.maxRetryDelay(),
        step.costBudget(), step.tokenBudget());
  }

  /** These settings with every setting {@code config} sets replacing this one's. */
  StepSettings with(StepConfig config) {
    return new StepSettings(
        config.timeout().orElse(timeout),
        config.retries().orElse(retries),
        config.retryDelay().orElse(retryDelay),
        config.maxRetryDelay().orElse(maxRetryDelay),
        config.costBudget().orElse(costBudget),
        config.tokenBudget().orElse(tokenBudget));
  }
}
