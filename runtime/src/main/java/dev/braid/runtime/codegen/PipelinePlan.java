package dev.braid.runtime.codegen;

import dev.braid.runtime.StepConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The static shape of a pipeline: its steps in declaration order, what each depends on, its
 * settings, and which step's output is the pipeline's. The processor has already rejected cycles,
 * unknown names and bad settings; {@link Builder#build()} checks again so that a hand-made or
 * stale plan fails loudly rather than hangs.
 *
 * <p>Generated code builds a plan with one statement per step, so that a pipeline of thousands of
 * steps compiles without deep expression nesting:
 *
 * <pre>{@code
 * PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline");
 * plan.step("extract");
 * plan.stepDefaults(StepConfig.builder().timeout(Duration.ofSeconds(30)).build());
 * plan.step("classify", 0).retries(2);
 * plan.output(1);
 * return plan.build();
 * }</pre>
 *
 * <p>Instances are immutable and shared by every run of the pipeline.
 */
public final class PipelinePlan {
  private final String name;
  private final List<StepPlan> steps;
  private final int outputStep;
  private final @Nullable Duration deadline;
  private final List<String> inputs;
  private final int[] topologicalOrder;
  private final long costBudget;
  private final long tokenBudget;
  private final StepConfig stepDefaults;

  private PipelinePlan(Builder builder, List<StepPlan> steps, int[] topologicalOrder) {
    this.name = builder.name;
    this.steps = steps;
    this.outputStep = builder.outputStep;
    this.deadline = builder.deadline;
    this.inputs = List.copyOf(builder.inputs);
    this.topologicalOrder = topologicalOrder;
    this.costBudget = builder.costBudget;
    this.tokenBudget = builder.tokenBudget;
    this.stepDefaults = builder.stepDefaults;
  }

  public static Builder builder(String pipelineName) {
    return new Builder(pipelineName);
  }

  /** The pipeline's name. */
  public String name() {
    return name;
  }

  /** The steps in declaration order; a step's index is its position here. */
  public List<StepPlan> steps() {
    return steps;
  }

  /** The index of the step whose output is the pipeline's output. */
  public int outputStep() {
    return outputStep;
  }

  /** The time limit of a whole run from {@code @Pipeline(deadline)}, or null for none. */
  public @Nullable Duration deadline() {
    return deadline;
  }

  /**
   * The most a whole run may spend on model calls, in microcents, shared by all its steps; -1 for
   * no limit.
   */
  public long costBudget() {
    return costBudget;
  }

  /** The most tokens a whole run's model calls may use, shared by all its steps; -1 for no limit. */
  public long tokenBudget() {
    return tokenBudget;
  }

  /**
   * The settings {@code @Pipeline} gives every step (timeout, retries, retry delays): the most
   * general layer of a step's settings, below everything else that sets them.
   */
  public StepConfig stepDefaults() {
    return stepDefaults;
  }

  /** The names of the pipeline's inputs, in the order {@code execute} takes them. */
  public List<String> inputs() {
    return inputs;
  }

  /** The step indexes ordered so that every step comes after its dependencies; a copy. */
  public int[] topologicalOrder() {
    return topologicalOrder.clone();
  }

  /** Collects steps in order; not thread-safe, used once. */
  public static final class Builder {
    private final String name;
    private final List<StepPlan.Builder> steps = new ArrayList<>();
    private int outputStep = -1;
    private @Nullable Duration deadline;
    private List<String> inputs = List.of();
    private long costBudget = -1;
    private long tokenBudget = -1;
    private StepConfig stepDefaults = StepConfig.empty();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "pipelineName");
    }

    /**
     * Adds the next step, whose index is the number of steps added before it.
     *
     * @param dependsOn indexes of steps added earlier or later that must finish first
     */
    public StepPlan.Builder step(String stepName, int... dependsOn) {
      StepPlan.Builder step = new StepPlan.Builder(steps.size(), stepName, dependsOn.clone());
      steps.add(step);
      return step;
    }

    /** Gives every step the settings {@code @Pipeline} writes; a step's own win over them. */
    public Builder stepDefaults(StepConfig defaults) {
      this.stepDefaults = Objects.requireNonNull(defaults, "defaults");
      return this;
    }

    /** Limits each whole run to {@code deadline}, which must be positive. */
    public Builder deadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException(
            "Pipeline '" + name + "' deadline must be positive, was " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /** Limits what each whole run may spend on model calls, in microcents; must not be negative. */
    public Builder costBudget(long microcents) {
      if (microcents < 0) {
        throw new IllegalArgumentException(
            "Pipeline '" + name + "' costBudget must not be negative, was " + microcents);
      }
      this.costBudget = microcents;
      return this;
    }

    /** Limits the tokens each whole run's model calls may use; must not be negative. */
    public Builder tokenBudget(long tokens) {
      if (tokens < 0) {
        throw new IllegalArgumentException(
            "Pipeline '" + name + "' tokenBudget must not be negative, was " + tokens);
      }
      this.tokenBudget = tokens;
      return this;
    }

    /** Names the pipeline's inputs, in the order {@code execute} takes them. */
    public Builder inputs(String... names) {
      this.inputs = List.of(names);
      return this;
    }

    /** Marks the step at {@code stepIndex} as the one whose output the pipeline returns. */
    public Builder output(int stepIndex) {
      this.outputStep = stepIndex;
      return this;
    }

    /**
     * Builds the plan.
     *
     * @throws IllegalArgumentException if there are no steps, two steps share a name, a dependency
     *     index is out of range, the graph has a cycle, or no valid output step was set
     */
    public PipelinePlan build() {
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("Pipeline '" + name + "' has no steps");
      }
      if (outputStep < 0 || outputStep >= steps.size()) {
        throw new IllegalArgumentException("Pipeline '" + name + "' has no output step: "
            + outputStep + " is not a step index below " + steps.size());
      }
      Map<String, Integer> names = new HashMap<>();
      for (StepPlan.Builder step : steps) {
        Integer previous = names.putIfAbsent(step.name(), step.index());
        if (previous != null) {
          throw new IllegalArgumentException(
              "Pipeline '" + name + "' has two steps named '" + step.name() + "'");
        }
      }
      if (steps.get(outputStep).condition() != null) {
        throw new IllegalArgumentException("Pipeline '" + name + "' cannot have a conditional"
            + " output step ('" + steps.get(outputStep).name() + "'): a skipped run would have no"
            + " output");
      }
      int[][] dependents = dependents();
      List<StepPlan> built = new ArrayList<>(steps.size());
      for (StepPlan.Builder step : steps) {
        built.add(step.build(dependents[step.index()]));
      }
      int[] order = topologicalOrder(built);
      return new PipelinePlan(this, List.copyOf(built), order);
    }

    private int[][] dependents() {
      List<List<Integer>> lists = new ArrayList<>(steps.size());
      for (int i = 0; i < steps.size(); i++) {
        lists.add(new ArrayList<>(2));
      }
      for (StepPlan.Builder step : steps) {
        for (int dependency : step.dependsOn()) {
          if (dependency < 0 || dependency >= steps.size() || dependency == step.index()) {
            throw new IllegalArgumentException("Step '" + step.name() + "' of pipeline '" + name
                + "' depends on step index " + dependency + ", which is not another step");
          }
          lists.get(dependency).add(step.index());
        }
      }
      int[][] dependents = new int[steps.size()][];
      for (int i = 0; i < dependents.length; i++) {
        dependents[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
      return dependents;
    }

    /**
     * Orders the steps dependencies first, with Kahn's algorithm; any step never freed sits on or
     * behind a cycle, which is rejected.
     */
    private int[] topologicalOrder(List<StepPlan> built) {
      int[] waiting = new int[built.size()];
      int[] ready = new int[built.size()];
      int readyCount = 0;
      for (StepPlan step : built) {
        waiting[step.index()] = step.dependencyCount();
        if (waiting[step.index()] == 0) {
          ready[readyCount++] = step.index();
        }
      }
      for (int next = 0; next < readyCount; next++) {
        for (int dependent : built.get(ready[next]).dependentIndexes()) {
          if (--waiting[dependent] == 0) {
            ready[readyCount++] = dependent;
          }
        }
      }
      if (readyCount < built.size()) {
        List<String> stuck = new ArrayList<>();
        for (StepPlan step : built) {
          if (waiting[step.index()] > 0) {
            stuck.add(step.name());
          }
        }
        throw new IllegalArgumentException(
            "Pipeline '" + name + "' has a dependency cycle among steps " + stuck);
      }
      return ready;
    }

    @Override
    public String toString() {
      return "PipelinePlan.Builder[" + name + ", " + steps.size() + " steps]";
    }
  }

  @Override
  public String toString() {
    return "PipelinePlan[" + name + ", steps=" + Arrays.toString(
        steps.stream().map(StepPlan::name).toArray()) + "]";
  }
}
