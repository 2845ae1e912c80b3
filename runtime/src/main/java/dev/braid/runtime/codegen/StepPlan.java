package dev.braid.runtime.codegen;

import dev.braid.runtime.StepConfig;
import java.time.Duration;
import java.util.List;
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
  private final StepConfig settings;
  private final List<Class<? extends Throwable>> retryOn;
  private final List<Class<? extends Throwable>> abortOn;
  private final boolean conversational;
  private final boolean optional;
  private final boolean interruptible;
  private final int[] readsInputs;
  private final long costBudget;
  private final long tokenBudget;
  private final int maxConcurrent;
  private final @Nullable String condition;

  private StepPlan(Builder builder, int[] dependents) {
    this.index = builder.index;
    this.name = builder.name;
    this.dependsOn = builder.dependsOn;
    this.dependents = dependents;
    this.settings = builder.settings();
    this.retryOn = List.copyOf(builder.retryOn);
    this.abortOn = List.copyOf(builder.abortOn);
    this.conversational = builder.conversational;
    this.optional = builder.optional;
    this.interruptible = builder.interruptible;
    this.readsInputs = builder.readsInputs;
    this.costBudget = builder.costBudget;
    this.tokenBudget = builder.tokenBudget;
    this.maxConcurrent = builder.maxConcurrent;
    this.condition = builder.condition;
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

  /**
   * The settings {@code @Step} writes itself (timeout, retries, retry delays, budgets); what it
   * leaves unset comes from the layers below it, such as {@link PipelinePlan#stepDefaults()}.
   */
  public StepConfig settings() {
    return settings;
  }

  /** The exceptions that earn a retry, subclasses included; empty means every exception. */
  public List<Class<? extends Throwable>> retryOn() {
    return retryOn;
  }

  /** The exceptions that are never retried, subclasses included. */
  public List<Class<? extends Throwable>> abortOn() {
    return abortOn;
  }

  /** Whether the step returns a {@code ConversationState} whose data its dependents receive. */
  public boolean conversational() {
    return conversational;
  }

  /** Whether the step's failure leaves the run going, its dependents receiving no value. */
  public boolean optional() {
    return optional;
  }

  /** Whether the run may interrupt the step when it stops; false for steps that must finish. */
  public boolean interruptible() {
    return interruptible;
  }

  /** The indexes of the pipeline inputs the step's parameters read; a copy. */
  public int[] readsInputs() {
    return readsInputs.clone();
  }

  /** The most the step may spend in microcents, all attempts and calls together; -1 for no limit. */
  public long costBudget() {
    return costBudget;
  }

  /** The most tokens the step's calls may use, all attempts together; -1 for no limit. */
  public long tokenBudget() {
    return tokenBudget;
  }

  /**
   * The most attempts of this step that all runs of one engine may run at once; 0 for no cap.
   */
  public int maxConcurrent() {
    return maxConcurrent;
  }

  /**
   * Whether the step runs only when its {@code @Step(when)} condition holds, as {@link
   * StepDispatcher#shouldRun} tells.
   */
  public boolean conditional() {
    return condition != null;
  }

  /** The step or method named by {@code @Step(when)}, or null for an unconditional step. */
  public @Nullable String condition() {
    return condition;
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
    private @Nullable Integer retries;
    private @Nullable Duration retryDelay;
    private @Nullable Duration maxRetryDelay;
    private List<Class<? extends Throwable>> retryOn = List.of();
    private List<Class<? extends Throwable>> abortOn = List.of();
    private boolean conversational;
    private boolean optional;
    private boolean interruptible = true;
    private int[] readsInputs = new int[0];
    private long costBudget = -1;
    private long tokenBudget = -1;
    private int maxConcurrent;
    private @Nullable String condition;

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

    @Nullable String condition() {
      return condition;
    }

    /**
     * What this step writes itself, as the layer of its settings that {@code @Step} is. A retry
     * delay above the step's own cap, which the processor rejects but a plan made by hand may
     * hold, is lowered to the cap: every pause is the cap either way.
     */
    private StepConfig settings() {
      StepConfig.Builder own = StepConfig.builder();
      if (timeout != null) {
        own.timeout(timeout);
      }
      if (retries != null) {
        own.retries(retries);
      }
      if (retryDelay != null) {
        own.retryDelay(maxRetryDelay != null && maxRetryDelay.compareTo(retryDelay) < 0
            ? maxRetryDelay
            : retryDelay);
      }
      if (maxRetryDelay != null) {
        own.maxRetryDelay(maxRetryDelay);
      }
      if (costBudget >= 0) {
        own.costBudget(costBudget);
      }
      if (tokenBudget >= 0) {
        own.tokenBudget(tokenBudget);
      }
      return own.build();
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

    /** Caps the pause before any retry; must not be negative. */
    public Builder maxRetryDelay(Duration maxRetryDelay) {
      if (maxRetryDelay.isNegative()) {
        throw new IllegalArgumentException(
            "Step '" + name + "' maxRetryDelay must not be negative, was " + maxRetryDelay);
      }
      this.maxRetryDelay = maxRetryDelay;
      return this;
    }

    /** Retries only these exceptions and their subclasses. */
    @SafeVarargs
    public final Builder retryOn(Class<? extends Throwable>... types) {
      this.retryOn = List.of(types);
      return this;
    }

    /** Never retries these exceptions and their subclasses. */
    @SafeVarargs
    public final Builder abortOn(Class<? extends Throwable>... types) {
      this.abortOn = List.of(types);
      return this;
    }

    /** Marks a step whose failure does not fail the run. */
    public Builder optional() {
      this.optional = true;
      return this;
    }

    /** Marks a step the run must let finish rather than interrupt. */
    public Builder uninterruptible() {
      this.interruptible = false;
      return this;
    }

    /** Records which pipeline inputs, by index, the step's parameters read. */
    public Builder readsInputs(int... inputIndexes) {
      this.readsInputs = inputIndexes.clone();
      return this;
    }

    /** Limits what the step's model calls may cost, in microcents; must not be negative. */
    public Builder costBudget(long microcents) {
      if (microcents < 0) {
        throw new IllegalArgumentException(
            "Step '" + name + "' costBudget must not be negative, was " + microcents);
      }
      this.costBudget = microcents;
      return this;
    }

    /** Limits the tokens the step's model calls may use; must not be negative. */
    public Builder tokenBudget(long tokens) {
      if (tokens < 0) {
        throw new IllegalArgumentException(
            "Step '" + name + "' tokenBudget must not be negative, was " + tokens);
      }
      this.tokenBudget = tokens;
      return this;
    }

    /**
     * Lets at most {@code max} attempts of this step run at once, across all runs of the engine;
     * must be at least 1.
     */
    public Builder maxConcurrent(int max) {
      if (max < 1) {
        throw new IllegalArgumentException(
            "Step '" + name + "' maxConcurrent must be at least 1, was " + max);
      }
      this.maxConcurrent = max;
      return this;
    }

    /**
     * Runs the step only when {@code condition} (the step or method {@code @Step(when)} names)
     * holds, as {@link StepDispatcher#shouldRun} says once its dependencies have finished; it is
     * {@code SKIPPED} otherwise.
     */
    public Builder when(String condition) {
      this.condition = Objects.requireNonNull(condition, "condition");
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
