package dev.braid.runtime.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings one step, or one model call, runs with once {@link StepSettingsResolver} has
 * applied every layer of configuration. Immutable.
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
    long tokenBudget) {}
