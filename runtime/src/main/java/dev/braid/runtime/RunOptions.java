package dev.braid.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings for one call of {@code execute}, the most specific level of configuration: they win over
 * the executor's {@link PipelineConfig}, which wins over {@code @Step} attributes, which win over
 * {@code @Pipeline} defaults. They override the same things a {@link PipelineConfig} does.
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

  private final PipelineConfig overrides;

  private RunOptions(PipelineConfig overrides) {
    this.overrides = overrides;
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
    return overrides.deadline();
  }

  /** Per-step overrides by step name. */
  public Map<String, StepConfig> steps() {
    return overrides.steps();
  }

  @Override
  public String toString() {
    return "RunOptions[deadline=" + deadline().orElse(null) + ", steps=" + steps() + "]";
  }

  /** Collects options; not thread-safe. */
  public static final class Builder {
    private final PipelineConfig.Builder overrides = new PipelineConfig.Builder("RunOptions");

    private Builder() {}

    /** Limits the whole run, retries and pauses included; must be positive. */
    public Builder deadline(Duration deadline) {
      overrides.deadline(deadline);
      return this;
    }

    /** Overrides the settings of the step named {@code stepName} for this run. */
    public Builder step(String stepName, StepConfig config) {
      overrides.step(stepName, config);
      return this;
    }

    public RunOptions build() {
      return new RunOptions(overrides.build());
    }
  }
}
