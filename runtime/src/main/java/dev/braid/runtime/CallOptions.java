package dev.braid.runtime;

/**
 * Limits of one {@link StepContext#call}. A call's budget is reserved against its step's and its
 * run's budgets before the call is made, so a call that could overrun them is not made at all; a
 * call that turns out to cost more than its own budget is still recorded in full, then fails the
 * run with a budget exception.
 *
 * <pre>{@code
 * context.call(model, prompt, CallOptions.builder().costBudget(2 * CENT).tokenBudget(4_000).build());
 * }</pre>
 *
 * <p>Immutable.
 */
public final class CallOptions {
  private static final CallOptions NONE = builder().build();

  private final long costBudget;
  private final long tokenBudget;

  private CallOptions(Builder builder) {
    this.costBudget = builder.costBudget;
    this.tokenBudget = builder.tokenBudget;
  }

  /** Options that limit nothing beyond the step's and the run's budgets. */
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

  @Override
  public String toString() {
    return "CallOptions[costBudget=" + costBudget + ", tokenBudget=" + tokenBudget + "]";
  }

  /** Collects options; each setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private long costBudget = -1;
    private long tokenBudget = -1;

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

    public CallOptions build() {
      return new CallOptions(this);
    }
  }
}
