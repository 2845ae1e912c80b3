package dev.braid.runtime.codegen;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of a {@link PipelinePlan}: its name, its place in the graph and the settings the
 * processor resolved from {@code @Step} and {@code @Pipeline}. Immutable.
 */
public final class StepPlan {
  private final int index;
  private final String name;
  private final int[] dependsOn;
  private final int[] dependents;
  private final @Nullable Duration timeout;
  private final int retries;
  private final Duration retryDelay;
  private final boolean conversational;

  private StepPlan(Builder builder, int[] dependents) {
    this.index = builder.index;
    this.name = builder.name;
    this.dependsOn = builder.dependsOn;
    this.dependents = dependents;
    this.timeout = builder.timeout;
    this.retries = builder.retries;
    this.retryDelay = builder.retryDelay;
    this.conversational = builder.conversational;
  }

  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  /** How many steps must finish before this one starts. */
  public int dependencyCount() {
    return dependsOn.length;
  }

  /** The indexes of the steps this one waits for; a copy. */
  public int[] dependencyIndexes() {
    return dependsOn.clone();
  }

  /** The indexes of the steps that wait for this one; shared, never modified. */
  int[] dependentIndexes() {
    return dependents;
  }

  /** The indexes of the steps that wait for this one; a copy. */
  public int[] dependents() {
    return dependents.clone();
  }

  /** The time limit of one attempt, or null for none. */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /** Retries after a failed attempt; 0 means one attempt only. */
  public int retries() {
    return retries;
  }

  /** The pause before the first retry. */
  public Duration retryDelay() {
    return retryDelay;
  }

  /** Whether the step returns a {@code ConversationState} whose data its dependents receive. */
  public boolean conversational() {
    return conversational;
  }

  @Override
  public String toString() {
    return "StepPlan[" + index + " " + name + "]";
  }

  /** Settings of one step, set by generated code right after {@link PipelinePlan.Builder#step}. */
  public static final class Builder {
    private final int index;
    private final String name;
    private final int[] dependsOn;
    private @Nullable Duration timeout;
    private int retries;
    private Duration retryDelay = Duration.ZERO;
    private boolean conversational;

    Builder(int index, String name, int[] dependsOn) {
      this.index = index;
      this.name = Objects.requireNonNull(name, "stepName");
      this.dependsOn = dependsOn;
    }

    int index() {
      return index;
    }

    String name() {
      return name;
    }

    int[] dependsOn() {
      return dependsOn;
    }

    /** Limits each attempt to {@code timeout}, which must be positive. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "Step '" + name + "' timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Allows {@code retries} more attempts after a failure; must not be negative. */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException(
            "Step '" + name + "' retries must be 0 or more, was " + retries);
      }
      this.retries = retries;
      return this;
    }

    /** Waits {@code retryDelay} before the first retry; must not be negative. */
    public Builder retryDelay(Duration retryDelay) {
      if (retryDelay.isNegative()) {
        throw new IllegalArgumentException(
            "Step '" + name + "' retryDelay must not be negative, was " + retryDelay);
      }
      this.retryDelay = retryDelay;
      return this;
    }

    /** Marks a step that returns a {@code ConversationState}. */
    public Builder conversational() {
      this.conversational = true;
      return this;
    }

    StepPlan build(int[] dependents) {
      return new StepPlan(this, dependents);
    }
  }
}
