package dev.braid.runtime.internal;

import dev.braid.runtime.StepConfig;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings one step runs with once every level of configuration is applied: {@code @Pipeline}
 * defaults and {@code @Step} attributes (already merged in the {@link StepPlan}), then {@code
 * PipelineConfig}, then {@code RunOptions}. Immutable.
 */
record StepSettings(
    @Nullable Duration timeout, int retries, Duration retryDelay, Duration maxRetryDelay) {

  static StepSettings of(StepPlan step) {
    return new StepSettings(step.timeout(), step.retries(), step.retryDelay(), step.maxRetryDelay());
  }

  /** These settings with every setting {@code config} sets replacing this one's. */
  StepSettings with(StepConfig config) {
    return new StepSettings(
        config.timeout().orElse(timeout),
        config.retries().orElse(retries),
        config.retryDelay().orElse(retryDelay),
        config.maxRetryDelay().orElse(maxRetryDelay));
  }
}
