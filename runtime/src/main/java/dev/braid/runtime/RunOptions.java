package dev.braid.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Settings for one call of {@code execute}, the most specific level of configuration: they win over
 * the executor's {@link PipelineConfig}, which wins over {@code @Step} attributes, which win over
 * {@code @Pipeline} defaults.
 *
 * <pre>{@code
 * executor.execute(ticket, RunOptions.builder()
 *     .deadline(Duration.ofSeconds(10))
 *     .step("draft", StepConfig.builder().retries(0).build())
 *     .build());
 * }</pre>
 *
 * <p>Immutable. Step names are checked against the pipeline when the run starts.
 */
public final class RunOptions {
  private static final RunOptions DEFAULTS = builder().build();

  private final @Nullable Duration deadline;
  private final Map<String, StepConfig> steps;

  private RunOptions(Builder builder) {
    this.deadline = builder.deadline;
    this.steps = Map.copyOf(builder.steps);
  }

  /** Options that change nothing. */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The run's time limit, replacing {@code @Pipeline(deadline)} and {@link PipelineConfig}'s. */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Per-step overrides by step name. */
  public Map<String, StepConfig> steps() {
    return steps;
  }

  @Override
  public String toString() {
    return "RunOptions[deadline=" + deadline + ", steps=" + steps + "]";
  }

  /** Collects options; not thread-safe. */
  public static final class Builder {
    private @Nullable Duration deadline;
    private final Map<String, StepConfig> steps = new LinkedHashMap<>();

    private Builder() {}

    /** Limits the whole run, retries and pauses included; must be positive. */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("RunOptions.deadline must be positive, was " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /** Overrides the settings of the step named {@code stepName} for this run. */
    public Builder step(String stepName, StepConfig config) {
      steps.merge(Objects.requireNonNull(stepName, "stepName"),
          Objects.requireNonNull(config, "config"), StepConfig::overriddenBy);
      return this;
    }

    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
