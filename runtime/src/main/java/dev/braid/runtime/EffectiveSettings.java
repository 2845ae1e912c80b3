package dev.braid.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The settings a step's attempt runs with once every layer of configuration is applied
 * ({@code @Pipeline}, {@link PipelineConfig#stepDefaults()}, {@code @Step}, the config's step
 * entry, {@link RunOptions}), with what is left of its time and budgets when it was asked: what a
 * step passes on to a client of its own, such as an HTTP client's timeout.
 *
 * <pre>{@code
 * EffectiveSettings settings = context.settings();
 * HttpRequest request = HttpRequest.newBuilder(uri)
 *     .timeout(settings.remaining().orElse(Duration.ofMinutes(1)))
 *     .build();
 * }</pre>
 *
 * <p>Immutable: a snapshot, which does not change as time passes or calls spend.
 *
 * @param timeout the limit of each attempt of the step, if it has one
 * @param retries the retries after a failed attempt; {@code 0} for one attempt
 * @param retryDelay the pause before the first retry
 * @param maxRetryDelay the cap on the pause before any retry
 * @param remaining the time left until this attempt is interrupted (its timeout or the run's
 *     deadline, whichever comes first), if either is set
 * @param costBudget the step's own cost budget in microcents, over all its attempts, if it has one
 * @param tokenBudget the step's own token budget, over all its attempts, if it has one
 * @param costRemaining what the step may still spend in microcents: the smaller of what its own
 *     budget and its run's have left, less what calls in flight reserved; empty if neither is set
 * @param tokensRemaining the tokens the step may still use, counted as {@code costRemaining} is
 */
public record EffectiveSettings(
    Optional<Duration> timeout,
    int retries,
    Duration retryDelay,
    Duration maxRetryDelay,
    Optional<Duration> remaining,
    OptionalLong costBudget,
    OptionalLong tokenBudget,
    OptionalLong costRemaining,
    OptionalLong tokensRemaining) {

  /** Settings that limit nothing: no timeout, no retries, no budgets. */
  public static final EffectiveSettings NONE = new EffectiveSettings(Optional.empty(), 0,
      Duration.ZERO, Duration.ZERO, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
      OptionalLong.empty(), OptionalLong.empty());

  public EffectiveSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(costBudget, "costBudget");
    Objects.requireNonNull(tokenBudget, "tokenBudget");
    Objects.requireNonNull(costRemaining, "costRemaining");
    Objects.requireNonNull(tokensRemaining, "tokensRemaining");
    if (retries < 0) {
      throw new IllegalArgumentException("EffectiveSettings.retries must be 0 or more, was " + retries);
    }
  }
}
