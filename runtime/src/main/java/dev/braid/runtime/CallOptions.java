package dev.braid.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Options for one {@link StepContext#call}: budgets, and a timeout and retries that replace the
 * step's for this call only, the most specific layer of a step's settings.
 *
 * <pre>{@code
 * context.call(model, prompt, CallOptions.builder()
 *     .timeout(Duration.ofSeconds(60)).retries(5)
 *     .costBudget(2 * CENT).tokenBudget(4_000)
 *     .build());
 * }</pre>
 *
 * <p><b>Budgets.</b> A call's budget is reserved against its step's and its run's budgets before
 * the call is made, so a call that could overrun them is not made at all; a call that turns out to
 * cost more than its own budget is still recorded in full, then fails the run with a budget
 * exception.
 *
 * <p><b>Timeout.</b> Limits each try of the call. A try is interrupted at the earliest of this
 * timeout, the end of its step's attempt ({@code @Step(timeout)} and the layers over it) and the
 * run's deadline: the earliest wins. When this timeout is the one that passes, the try fails with
 * a {@link CallTimeoutException}, which is retryable like a rate limit; when the attempt's or the
 * run's passes, the attempt fails as it would without this option. The client sees the earliest
 * in {@link ModelCall#remaining()}.
 *
 * <p><b>Retries.</b> Replace the step's retry count, and {@link Builder#retryDelay} its first
 * pause, for this call: a retryable failure is tried again inside the same attempt, up to this
 * many times. A failure that escapes the call has had its retries, so the step does not retry it
 * again; step retries still apply around the call to everything else that fails an attempt (the
 * attempt's timeout, the step's own exceptions), and each new attempt's calls start afresh.
 *
 * <p>Immutable.
 */
public final class CallOptions {
  private static final CallOptions NONE = builder().build();

  private final long costBudget;
  private final long tokenBudget;
  private final @Nullable Duration timeout;
  private final @Nullable Integer retries;
  private final @Nullable Duration retryDelay;

  private CallOptions(Builder builder) {
    this.costBudget = builder.costBudget;
    this.tokenBudget = builder.tokenBudget;
    this.timeout = builder.timeout;
    this.retries = builder.retries;
    this.retryDelay = builder.retryDelay;
  }

  /** Options that limit nothing beyond the step's and the run's settings. */
  public static CallOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The most this call may cost in microcents, or -1 for no limit of its own. */
  public long costBudget() {
    return costBudget;
  }

  /** The most tokens this call may use, or -1 for no limit of its own. */
  public long tokenBudget() {
    return tokenBudget;
  }

  /** The limit of each try of this call, if it has one of its own. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The retries of this call, replacing the step's, if set. */
  public Optional<Integer> retries() {
    return Optional.ofNullable(retries);
  }

  /** The pause before this call's first retry, replacing the step's, if set. */
  public Optional<Duration> retryDelay() {
    return Optional.ofNullable(retryDelay);
  }

  @Override
  public String toString() {
    return "CallOptions[costBudget=" + costBudget + ", tokenBudget=" + tokenBudget
        + (timeout == null ? "" : ", timeout=" + timeout)
        + (retries == null ? "" : ", retries=" + retries)
        + (retryDelay == null ? "" : ", retryDelay=" + retryDelay) + "]";
  }

  /** Collects options; each setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private long costBudget = -1;
    private long tokenBudget = -1;
    private @Nullable Duration timeout;
    private @Nullable Integer retries;
    private @Nullable Duration retryDelay;

    private Builder() {}

    /** Reserves and limits what the call may cost, in microcents; must not be negative. */
    public Builder costBudget(long microcents) {
      if (microcents < 0) {
        throw new IllegalArgumentException(
            "CallOptions.costBudget must not be negative, was " + microcents);
      }
      this.costBudget = microcents;
      return this;
    }

    /** Reserves and limits what the call may cost: {@code Money.dollars("0.02")}. */
    public Builder costBudget(Money budget) {
      return costBudget(budget.toMicrocents());
    }

    /** Reserves and limits the tokens the call may use; must not be negative. */
    public Builder tokenBudget(long tokens) {
      if (tokens < 0) {
        throw new IllegalArgumentException(
            "CallOptions.tokenBudget must not be negative, was " + tokens);
      }
      this.tokenBudget = tokens;
      return this;
    }

    /**
     * Limits each try of the call; must be positive. The attempt's timeout and the run's deadline
     * still apply: the earliest wins.
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("CallOptions.timeout must be positive, was " + timeout
            + "; leave it unset for no limit of the call's own");
      }
      this.timeout = timeout;
      return this;
    }

    /** Retries the call this many times after a retryable failure; {@code 0} means one try. */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("CallOptions.retries must be 0 or more, was " + retries
            + "; use 0 for a single try");
      }
      this.retries = retries;
      return this;
    }

    /**
     * Pauses this long before the call's first retry, then backs off as the step does, with
     * jitter, up to the step's pause cap (raised to this delay if it is longer); not negative.
     */
    public Builder retryDelay(Duration retryDelay) {
      Objects.requireNonNull(retryDelay, "retryDelay");
      if (retryDelay.isNegative()) {
        throw new IllegalArgumentException(
            "CallOptions.retryDelay must not be negative, was " + retryDelay);
      }
      this.retryDelay = retryDelay;
      return this;
    }

    public CallOptions build() {
      return new CallOptions(this);
    }
  }
}
