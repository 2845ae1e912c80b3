package dev.braid.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One layer of a step's settings, for example from application configuration: for one step
 * ({@link PipelineConfig.Builder#step}, {@link RunOptions.Builder#step}), over its {@code @Step}
 * attributes, or for every step ({@link PipelineConfig.Builder#stepDefaults}), over
 * {@code @Pipeline}'s defaults and under each step's own. A setting left unset keeps what the layer
 * below says; {@code retries(0)} really means one attempt, even where the annotation allows more.
 *
 * <pre>{@code
 * StepConfig draft = StepConfig.builder().timeout(Duration.ofSeconds(20)).retries(0).build();
 * }</pre>
 *
 * <p>Immutable; each value is checked when it is set, naming the field.
 */
public final class StepConfig {
  private static final StepConfig EMPTY = builder().build();

  private final @Nullable Duration timeout;
  private final @Nullable Integer retries;
  private final @Nullable Duration retryDelay;
  private final @Nullable Duration maxRetryDelay;
  private final @Nullable Long costBudget;
  private final @Nullable Long tokenBudget;
  private final @Nullable Integer maxConcurrent;

  private StepConfig(Builder builder) {
    this.timeout = builder.timeout;
    this.retries = builder.retries;
    this.retryDelay = builder.retryDelay;
    this.maxRetryDelay = builder.maxRetryDelay;
    this.costBudget = builder.costBudget;
    this.tokenBudget = builder.tokenBudget;
    this.maxConcurrent = builder.maxConcurrent;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A config that overrides nothing. */
  public static StepConfig empty() {
    return EMPTY;
  }

  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  public Optional<Integer> retries() {
    return Optional.ofNullable(retries);
  }

  public Optional<Duration> retryDelay() {
    return Optional.ofNullable(retryDelay);
  }

  public Optional<Duration> maxRetryDelay() {
    return Optional.ofNullable(maxRetryDelay);
  }

  /** The most the step may spend in microcents, over all its attempts. */
  public Optional<Long> costBudget() {
    return Optional.ofNullable(costBudget);
  }

  /** The most tokens the step's calls may use, over all its attempts. */
  public Optional<Long> tokenBudget() {
    return Optional.ofNullable(tokenBudget);
  }

  /**
   * The most attempts of the step that all runs of one executor may run at once, replacing {@code
   * @Step(maxConcurrent)}. Only a {@link PipelineConfig} may set it: the cap is shared by the
   * executor's runs, so one run's {@link RunOptions} cannot change it.
   */
  public Optional<Integer> maxConcurrent() {
    return Optional.ofNullable(maxConcurrent);
  }

  /** This config with every setting of {@code overrides} that is set replacing this one's. */
  public StepConfig overriddenBy(StepConfig overrides) {
    Builder merged = new Builder();
    merged.timeout = overrides.timeout != null ? overrides.timeout : timeout;
    merged.retries = overrides.retries != null ? overrides.retries : retries;
    merged.retryDelay = overrides.retryDelay != null ? overrides.retryDelay : retryDelay;
    merged.maxRetryDelay = overrides.maxRetryDelay != null ? overrides.maxRetryDelay : maxRetryDelay;
    merged.costBudget = overrides.costBudget != null ? overrides.costBudget : costBudget;
    merged.tokenBudget = overrides.tokenBudget != null ? overrides.tokenBudget : tokenBudget;
    merged.maxConcurrent = overrides.maxConcurrent != null ? overrides.maxConcurrent : maxConcurrent;
    return merged.build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StepConfig that
        && Objects.equals(timeout, that.timeout)
        && Objects.equals(retries, that.retries)
        && Objects.equals(retryDelay, that.retryDelay)
        && Objects.equals(maxRetryDelay, that.maxRetryDelay)
        && Objects.equals(costBudget, that.costBudget)
        && Objects.equals(tokenBudget, that.tokenBudget)
        && Objects.equals(maxConcurrent, that.maxConcurrent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        timeout, retries, retryDelay, maxRetryDelay, costBudget, tokenBudget, maxConcurrent);
  }

  @Override
  public String toString() {
    return "StepConfig[timeout=" + timeout + ", retries=" + retries + ", retryDelay=" + retryDelay
        + ", maxRetryDelay=" + maxRetryDelay + ", costBudget=" + costBudget + ", tokenBudget="
        + tokenBudget + ", maxConcurrent=" + maxConcurrent + "]";
  }

  /** Collects settings; each setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable Duration timeout;
    private @Nullable Integer retries;
    private @Nullable Duration retryDelay;
    private @Nullable Duration maxRetryDelay;
    private @Nullable Long costBudget;
    private @Nullable Long tokenBudget;
    private @Nullable Integer maxConcurrent;

    private Builder() {}

    /** Limits each attempt; must be positive. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /** Retries after a failed attempt; {@code 0} means one attempt. */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("StepConfig.retries must be 0 or more, was " + retries
            + "; use 0 for a single attempt");
      }
      this.retries = retries;
      return this;
    }

    /** Pause before the first retry; must not be negative. */
    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = notNegative("retryDelay", retryDelay);
      return this;
    }

    /** Cap on the pause before any retry; must not be negative. */
    public Builder maxRetryDelay(Duration maxRetryDelay) {
      this.maxRetryDelay = notNegative("maxRetryDelay", maxRetryDelay);
      return this;
    }

    /** Limits what the step may spend in microcents, over all its attempts; must not be negative. */
    public Builder costBudget(long microcents) {
      this.costBudget = notNegative("costBudget", microcents);
      return this;
    }

    /** Limits what the step may spend over all its attempts: {@code Money.dollars("0.02")}. */
    public Builder costBudget(Money budget) {
      return costBudget(budget.toMicrocents());
    }

    /** Limits the tokens the step's calls may use, over all its attempts; must not be negative. */
    public Builder tokenBudget(long tokens) {
      this.tokenBudget = notNegative("tokenBudget", tokens);
      return this;
    }

    /**
     * Lets at most {@code max} attempts of the step run at once across all runs of the executor
     * (a fair queue admits the others in turn; the wait counts against the step's timeout and the
     * run's deadline); must be at least 1.
     */
    public Builder maxConcurrent(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("StepConfig.maxConcurrent must be at least 1, was " + max
            + "; leave it unset for no cap");
      }
      this.maxConcurrent = max;
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException if {@code maxRetryDelay} is below {@code retryDelay}
     */
    public StepConfig build() {
      if (retryDelay != null && maxRetryDelay != null && maxRetryDelay.compareTo(retryDelay) < 0) {
        throw new IllegalArgumentException("StepConfig.maxRetryDelay (" + maxRetryDelay
            + ") must not be below retryDelay (" + retryDelay + "); raise maxRetryDelay or lower retryDelay");
      }
      return new StepConfig(this);
    }

    static Duration positive(String field, Duration value) {
      Objects.requireNonNull(value, field);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(
            "StepConfig." + field + " must be positive, was " + value);
      }
      return value;
    }

    private static long notNegative(String field, long value) {
      if (value < 0) {
        throw new IllegalArgumentException(
            "StepConfig." + field + " must not be negative, was " + value);
      }
      return value;
    }

    static Duration notNegative(String field, Duration value) {
      Objects.requireNonNull(value, field);
      if (value.isNegative()) {
        throw new IllegalArgumentException(
            "StepConfig." + field + " must not be negative, was " + value);
      }
      return value;
    }
  }
}
