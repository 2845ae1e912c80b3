package dev.braid.runtime.internal;

import dev.braid.runtime.CallGate;
import dev.braid.runtime.ChunkListener;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.ClosestName;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one run is limited by, once every layer is applied, most specific last: the plan ({@code
 * @Pipeline}), {@link PipelineConfig}, then {@link RunOptions}; each step's settings as {@link
 * StepSettings} orders their layers. A setting a layer leaves unset keeps the layer below; one it sets wins, so {@code retries(0)} replaces a non-zero default.
 * Immutable.
 */
final class RunSettings {
  private final @Nullable Duration deadline;
  private final StepSettings[] steps;
  private final long costBudget;
  private final long tokenBudget;
  private final PriceTable prices;
  private final @Nullable ChunkListener chunkListener;
  private final boolean watched;
  private final @Nullable AttemptContext parent;
  private final List<RunListener> listeners;
  private final @Nullable String runId;
  private final TimeSource time;
  private final CallGate callGate;

  private RunSettings(@Nullable Duration deadline, StepSettings[] steps, long costBudget,
      long tokenBudget, PriceTable prices, @Nullable ChunkListener chunkListener,
      boolean watched, @Nullable AttemptContext parent, List<RunListener> listeners,
      @Nullable String runId, TimeSource time, CallGate callGate) {
    this.runId = runId;
    this.time = time;
    this.callGate = callGate;
    this.deadline = deadline;
    this.watched = watched;
    this.steps = steps;
    this.costBudget = costBudget;
    this.tokenBudget = tokenBudget;
    this.prices = prices;
    this.chunkListener = chunkListener;
    this.parent = parent;
    this.listeners = listeners;
  }

  /**
   * Checks that {@code config} names only steps of {@code plan}.
   *
   * @throws IllegalArgumentException naming the unknown step, the closest known one, and {@code
   *     PipelineConfig}
   */
  public static void check(PipelinePlan plan, PipelineConfig config) {
    requireKnown(plan, config.steps().keySet(), "PipelineConfig");
  }

  /**
   * Resolves the settings of a run.
   *
   * @throws IllegalArgumentException if {@code options} names a step {@code plan} does not have
   */
  public static RunSettings resolve(PipelinePlan plan, PipelineConfig config, RunOptions options) {
    requireKnown(plan, options.steps().keySet(), "RunOptions");
    options.steps().forEach((name, step) -> {
      if (step.maxConcurrent().isPresent()) {
        throw new IllegalArgumentException("RunOptions sets maxConcurrent of step '" + name
            + "' of pipeline '" + plan.name() + "', but that cap is shared by all runs of an"
            + " executor; set it in the executor's PipelineConfig or in @Step(maxConcurrent)");
      }
    });
    List<StepPlan> plans = plan.steps();
    StepSettings[] steps = new StepSettings[plans.size()];
    for (StepPlan step : plans) {
      steps[step.index()] = StepSettings.forStep(plan, step, config, options);
    }
    Duration deadline = options.deadline().or(config::deadline).orElse(plan.deadline());
    long costBudget = options.costBudget().or(config::costBudget).orElse(plan.costBudget());
    long tokenBudget = options.tokenBudget().or(config::tokenBudget).orElse(plan.tokenBudget());
    PriceTable prices = options.prices().or(config::prices).orElseGet(PriceTable::defaults);
    AttemptContext parent = options.parent().map(AttemptContext::parentOf).orElse(null);
    if (parent != null) {
      Duration left = parent.remaining().orElse(null);
      if (left != null && (deadline == null || left.compareTo(deadline) < 0)) {
        deadline = left.isZero() ? Duration.ofNanos(1) : left;
      }
    }
    boolean watched = deadline != null;
    for (StepPlan step : plans) {
      watched |= step.interruptible() && steps[step.index()].timeout() != null;
    }
    return new RunSettings(deadline, steps, costBudget, tokenBudget, prices,
        options.chunkListener().orElse(null), watched, parent, listeners(config, options),
        options.runId().orElse(null), time(config, parent), options.callGate());
  }

  /** The config's time source, else a child run's parent's, else the system's. */
  /**
   * Returns normally if every name in {@code names} is a step of {@code plan}.
   *
   * @param source where the names came from, for the message: {@code PipelineConfig} or {@code
   *     RunOptions}
   * @throws IllegalArgumentException naming the first unknown step and the closest known one
   */
  private static void requireKnown(PipelinePlan plan, Collection<String> names, String source) {
    List<String> known = plan.steps().stream().map(StepPlan::name).toList();
    for (String name : names) {
      if (!known.contains(name)) {
        String closest = ClosestName.of(name, known);
        throw new IllegalArgumentException("Pipeline '" + plan.name() + "' has no step named '"
            + name + "' (in " + source + "); "
            + (closest != null ? "did you mean '" + closest + "'?" : "its steps are " + known));
      }
    }
  }

  private static TimeSource time(PipelineConfig config, @Nullable AttemptContext parent) {
    return config.timeSource().orElseGet(() -> parent == null ? TimeSource.system() : parent.clock().time());
  }

  /** What holds each of the run's model calls until it may start. */
  CallGate callGate() {
    return callGate;
  }

  private static List<RunListener> listeners(PipelineConfig config, RunOptions options) {
    if (options.listeners().isEmpty()) {
      return config.listeners();
    }
    List<RunListener> all = new ArrayList<>(config.listeners());
    all.addAll(options.listeners());
    return List.copyOf(all);
  }

  /** The run's time limit, or null for none. */
  public @Nullable Duration deadline() {
    return deadline;
  }

  /**
   * Whether a run can abandon an attempt running inline: it has a deadline, or an interruptible
   * step has a timeout.
   */
  boolean watched() {
    return watched;
  }

  StepSettings step(int index) {
    return steps[index];
  }

  /** The most a run may spend in microcents, shared by its steps; -1 for no limit. */
  long costBudget() {
    return costBudget;
  }

  /** The most tokens a run may use, shared by its steps; -1 for no limit. */
  long tokenBudget() {
    return tokenBudget;
  }

  PriceTable prices() {
    return prices;
  }

  /** Who hears of the run: the config's listeners, then the options'. */
  List<RunListener> listeners() {
    return listeners;
  }

  /** The step attempt this run is a child of, or null for a run of its own. */
  @Nullable AttemptContext parent() {
    return parent;
  }

  /** The id the caller gave the run, or null for a random one. */
  @Nullable String runId() {
    return runId;
  }

  /** Where the run reads the time, waits and sets alarms. */
  TimeSource time() {
    return time;
  }

  /** Who receives streamed chunks, or null for no one. */
  @Nullable ChunkListener chunkListener() {
    return chunkListener;
  }
}
