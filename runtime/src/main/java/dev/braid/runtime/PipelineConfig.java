package dev.braid.runtime;

import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The config of one pipeline's executor, given to its constructor, typically from application
 * configuration: the layers an application sets over the plan, for every run. Its {@link
 * #stepDefaults()} win over {@code @Pipeline}'s defaults and lose to a step's {@code @Step}
 * attributes; its {@link #steps()} entries win over those, and lose to a call's {@link
 * RunOptions}. In full, most general first: {@code @Pipeline}, these step
 * defaults, {@code @Step}, this config's step entry, {@code RunOptions}, {@link CallOptions}.
 *
 * <pre>{@code
 * PipelineConfig config = PipelineConfig.builder()
 *     .deadline(Duration.ofMinutes(2))
 *     .stepDefaults(StepConfig.builder().timeout(Duration.ofSeconds(30)).retries(2).build())
 *     .step("draft", StepConfig.builder().timeout(Duration.ofSeconds(45)).build())
 *     .build();
 * var executor = new TicketPipelineExecutor(pipeline, config);
 * }</pre>
 *
 * <p>Immutable. The executor rejects step names its pipeline does not have when it is created.
 */
public final class PipelineConfig {
  private static final PipelineConfig EMPTY = builder().build();

  private final @Nullable Duration deadline;
  private final Map<String, StepConfig> steps;
  private final StepConfig stepDefaults;
  private final @Nullable Long costBudget;
  private final @Nullable Long tokenBudget;
  private final @Nullable PriceTable prices;
  private final List<RunListener> listeners;
  private final @Nullable TimeSource timeSource;

  private PipelineConfig(Builder builder) {
    this.deadline = builder.deadline;
    this.steps = Map.copyOf(builder.steps);
    this.stepDefaults = builder.stepDefaults;
    this.costBudget = builder.costBudget;
    this.tokenBudget = builder.tokenBudget;
    this.prices = builder.prices;
    this.listeners = List.copyOf(builder.listeners);
    this.timeSource = builder.timeSource;
  }

  /** A config that overrides nothing. */
  public static PipelineConfig empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder("PipelineConfig");
  }

  /** The run's time limit, replacing {@code @Pipeline(deadline)}. */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Per-step overrides by step name. */
  public Map<String, StepConfig> steps() {
    return steps;
  }

  /**
   * Settings for every step of the pipeline, over {@code @Pipeline}'s defaults and under each
   * step's {@code @Step} attributes; {@link StepConfig#empty()} when none are set.
   */
  public StepConfig stepDefaults() {
    return stepDefaults;
  }

  /** The most a run may spend in microcents, shared by all its steps; replaces {@code @Pipeline}'s. */
  public Optional<Long> costBudget() {
    return Optional.ofNullable(costBudget);
  }

  /** The most tokens a run's calls may use, shared by all its steps. */
  public Optional<Long> tokenBudget() {
    return Optional.ofNullable(tokenBudget);
  }

  /** The prices calls are charged at; {@link PriceTable#defaults()} when unset. */
  public Optional<PriceTable> prices() {
    return Optional.ofNullable(prices);
  }

  /** Who hears of every run, in the order they were added. */
  public List<RunListener> listeners() {
    return listeners;
  }

  /** Where runs read the time, wait and set alarms; {@link TimeSource#system()} when unset. */
  public Optional<TimeSource> timeSource() {
    return Optional.ofNullable(timeSource);
  }

  @Override
  public String toString() {
    return "PipelineConfig[deadline=" + deadline + ", costBudget=" + costBudget + ", tokenBudget="
        + tokenBudget + ", prices=" + prices + ", steps=" + steps + "]";
  }

  /** Collects overrides; not thread-safe. */
  public static final class Builder {
    private final String owner;
    private @Nullable Duration deadline;
    private final Map<String, StepConfig> steps = new LinkedHashMap<>();
    private StepConfig stepDefaults = StepConfig.empty();
    private @Nullable Long costBudget;
    private @Nullable Long tokenBudget;
    private @Nullable PriceTable prices;
    private final List<RunListener> listeners = new ArrayList<>();
    private @Nullable TimeSource timeSource;

    /** {@code owner} names the class whose fields error messages mention. */
    Builder(String owner) {
      this.owner = owner;
    }

    /** Limits each whole run, retries and pauses included; must be positive. */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException(owner + ".deadline must be positive, was " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /** Overrides the settings of the step named {@code stepName}. */
    public Builder step(String stepName, StepConfig config) {
      steps.merge(Objects.requireNonNull(stepName, "stepName"),
          Objects.requireNonNull(config, "config"), StepConfig::overriddenBy);
      return this;
    }

    /**
     * Gives every step of the pipeline these settings, unless its {@code @Step} attributes or
     * its own entry ({@link #step}) set them: {@code stepDefaults(StepConfig.builder()
     * .timeout(Duration.ofSeconds(30)).retries(2).build())}. Called twice, the later settings
     * win where both set one.
     */
    public Builder stepDefaults(StepConfig defaults) {
      Objects.requireNonNull(defaults, "defaults");
      if (defaults.maxConcurrent().isPresent()) {
        throw new IllegalArgumentException("PipelineConfig.stepDefaults may not set maxConcurrent,"
            + " was " + defaults.maxConcurrent().get() + "; a concurrency cap bounds one step, so"
            + " set it with step(\"<step>\", StepConfig.builder().maxConcurrent(…).build())");
      }
      this.stepDefaults = stepDefaults.overriddenBy(defaults);
      return this;
    }

    /**
     * Limits what each run may spend on model calls, in microcents, as one budget shared by all
     * its steps; must not be negative.
     */
    public Builder costBudget(long microcents) {
      if (microcents < 0) {
        throw new IllegalArgumentException(
            owner + ".costBudget must not be negative, was " + microcents);
      }
      this.costBudget = microcents;
      return this;
    }

    /**
     * Limits what each run may spend on model calls, as one budget shared by all its steps: {@code
     * Money.dollars("0.10")}.
     */
    public Builder costBudget(Money budget) {
      return costBudget(budget.toMicrocents());
    }

    /** Limits the tokens each run's calls may use, shared by all its steps; must not be negative. */
    public Builder tokenBudget(long tokens) {
      if (tokens < 0) {
        throw new IllegalArgumentException(owner + ".tokenBudget must not be negative, was " + tokens);
      }
      this.tokenBudget = tokens;
      return this;
    }

    /** Prices calls with {@code prices} instead of {@link PriceTable#defaults()}. */
    public Builder prices(PriceTable prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    /** Adds a listener that hears of every run; see {@link RunListener}. */
    public Builder listener(RunListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Runs on {@code timeSource} instead of the system's time. For tests: a test kit passes a
     * virtual time source here, so that timeouts, retry pauses and deadlines pass instantly.
     */
    public Builder timeSource(TimeSource timeSource) {
      this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    public PipelineConfig build() {
      return new PipelineConfig(this);
    }
  }
}
