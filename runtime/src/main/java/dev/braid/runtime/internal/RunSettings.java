package dev.braid.runtime.internal;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepConfig;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one run is limited by, once every level of configuration is applied, most specific last:
 * the plan ({@code @Pipeline} defaults under {@code @Step} attributes), {@link PipelineConfig},
 * then {@link RunOptions}. A setting a level leaves unset keeps the level below; one it sets wins,
 * so {@code retries(0)} replaces a non-zero default. Immutable.
 */
public final class RunSettings {
  private final @Nullable Duration deadline;
  private final StepSettings[] steps;

  private RunSettings(@Nullable Duration deadline, StepSettings[] steps) {
    this.deadline = deadline;
    this.steps = steps;
  }

  /**
   * Checks that {@code config} names only steps of {@code plan}.
   *
   * @throws IllegalArgumentException naming the unknown step, the closest known one, and {@code
   *     PipelineConfig}
   */
  public static void check(PipelinePlan plan, PipelineConfig config) {
    StepNames.requireKnown(plan, config.steps().keySet(), "PipelineConfig");
  }

  /**
   * Resolves the settings of a run.
   *
   * @throws IllegalArgumentException if {@code options} names a step {@code plan} does not have
   */
  public static RunSettings resolve(PipelinePlan plan, PipelineConfig config, RunOptions options) {
    StepNames.requireKnown(plan, options.steps().keySet(), "RunOptions");
    List<StepPlan> plans = plan.steps();
    StepSettings[] steps = new StepSettings[plans.size()];
    for (StepPlan step : plans) {
      StepSettings settings = StepSettings.of(step);
      StepConfig fromConfig = config.steps().get(step.name());
      if (fromConfig != null) {
        settings = settings.with(fromConfig);
      }
      StepConfig fromOptions = options.steps().get(step.name());
      if (fromOptions != null) {
        settings = settings.with(fromOptions);
      }
      steps[step.index()] = settings;
    }
    Duration deadline = options.deadline().or(config::deadline).orElse(plan.deadline());
    return new RunSettings(deadline, steps);
  }

  /** The run's time limit, or null for none. */
  public @Nullable Duration deadline() {
    return deadline;
  }

  StepSettings step(int index) {
    return steps[index];
  }
}
