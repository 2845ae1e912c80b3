package dev.braid.durable;

import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepPlan;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Worker} runs one pipeline: its {@link PipelineDefinition} (engine, the code of its
 * steps, and the Java type of each input and of each step's output, which the worker needs to read
 * inputs and checkpoints back from JSON) and the options every run starts with. Immutable once
 * built.
 *
 * <p>The executor of a {@code @Pipeline(durable = true)} class gives the definition, with every
 * type checked at compile time: {@code DurablePipeline.of(executor.definition())}. A pipeline
 * whose plan is written by hand registers its types through the builder:
 *
 * <pre>{@code
 * DurablePipeline tickets = DurablePipeline.builder(engine, inputs -> new TicketDispatcher(pipeline, inputs))
 *     .inputTypes(Ticket.class)
 *     .stepType("extract", Entities.class)
 *     .stepType("search", new TypeReference<List<Article>>() {}.getType())
 *     .build();
 * }</pre>
 *
 * <p>Inputs and outputs are stored as JSON with Jackson 3, so they must round-trip through it:
 * records, collections and plain value classes do.
 */
public final class DurablePipeline {
  private final PipelineDefinition<?> definition;
  private final RunOptions options;

  private DurablePipeline(PipelineDefinition<?> definition, RunOptions options) {
    this.definition = definition;
    this.options = options;
  }

  /** A registration of a generated executor's {@code definition()}, with default options. */
  public static DurablePipeline of(PipelineDefinition<?> definition) {
    return of(definition, RunOptions.defaults());
  }

  /**
   * A registration of a generated executor's {@code definition()} whose runs start with {@code
   * options}: a deadline, budgets, listeners.
   *
   * @throws IllegalArgumentException if {@code options} make runs child runs
   */
  public static DurablePipeline of(PipelineDefinition<?> definition, RunOptions options) {
    Objects.requireNonNull(definition, "definition");
    checkOptions(definition.name(), options);
    return new DurablePipeline(definition, options);
  }

  /**
   * The code of a pipeline's steps for one run: a generated executor's dispatcher, or one written
   * by hand, given the run's inputs as read back from the database.
   */
  @FunctionalInterface
  public interface Steps {
    StepDispatcher forRun(@Nullable Object[] inputs);
  }

  /** Starts a registration; {@code steps} gives the dispatcher of each run. */
  public static Builder builder(PipelineEngine engine, Steps steps) {
    return new Builder(engine, steps);
  }

  public String name() {
    return definition.name();
  }

  public PipelineDefinition<?> definition() {
    return definition;
  }

  public PipelineEngine engine() {
    return definition.engine();
  }

  /** The dispatcher of one run with {@code inputs}. */
  public StepDispatcher dispatcher(@Nullable Object[] inputs) {
    return definition.dispatcher(inputs);
  }

  /** The type of each input, in the order of {@link PipelinePlan#inputs()}. */
  public List<Type> inputTypes() {
    return definition.inputTypes();
  }

  /** The type of the named step's output. */
  public Type stepType(String step) {
    return definition.stepType(step);
  }

  /** The options every durable run of this pipeline starts with. */
  public RunOptions options() {
    return options;
  }

  private static void checkOptions(String pipeline, RunOptions options) {
    if (options.parent().isPresent()) {
      throw new IllegalArgumentException("A durable run of pipeline '" + pipeline
          + "' cannot be a child run: it runs on a worker, not on a parent step's thread");
    }
  }

  /** Collects a registration; not thread-safe. */
  public static final class Builder {
    private final PipelineEngine engine;
    private final Steps steps;
    private List<Type> inputTypes = List.of();
    private final Map<String, Type> stepTypes = new LinkedHashMap<>();
    private RunOptions options = RunOptions.defaults();

    private Builder(PipelineEngine engine, Steps steps) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.steps = Objects.requireNonNull(steps, "steps");
    }

    /** The type of each input, in the order the pipeline takes them. */
    public Builder inputTypes(Type... types) {
      this.inputTypes = List.of(types);
      return this;
    }

    /**
     * The type of step {@code step}'s output ({@code Void.class} for a step that returns nothing;
     * for a conversational step, the type of its state's data).
     *
     * @throws IllegalArgumentException if the pipeline has no such step
     */
    public Builder stepType(String step, Type type) {
      if (engine.plan().steps().stream().noneMatch(plan -> plan.name().equals(step))) {
        throw new IllegalArgumentException("Pipeline '" + engine.plan().name()
            + "' has no step named '" + step + "'; its steps are " + stepNames());
      }
      stepTypes.put(step, Objects.requireNonNull(type, "type"));
      return this;
    }

    /** Options for every durable run of the pipeline: a deadline, budgets, listeners. */
    public Builder options(RunOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the registration.
     *
     * @throws IllegalArgumentException if a step has no declared type, or the number of input
     *     types is not the pipeline's number of inputs
     */
    public DurablePipeline build() {
      PipelinePlan plan = engine.plan();
      List<String> missing = new ArrayList<>(stepNames());
      missing.removeAll(stepTypes.keySet());
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("Pipeline '" + plan.name() + "' needs the type of every"
            + " step's output to read its checkpoints back; declare stepType(name, type) for "
            + missing);
      }
      if (!plan.inputs().isEmpty() && plan.inputs().size() != inputTypes.size()) {
        throw new IllegalArgumentException("Pipeline '" + plan.name() + "' takes "
            + plan.inputs().size() + " inputs " + plan.inputs() + " but inputTypes(…) gave "
            + inputTypes.size() + " types");
      }
      checkOptions(plan.name(), options);
      List<Type> types = plan.steps().stream().map(step -> stepTypes.get(step.name())).toList();
      return new DurablePipeline(
          PipelineDefinition.of(engine, inputTypes, types, steps::forRun), options);
    }

    private List<String> stepNames() {
      return engine.plan().steps().stream().map(StepPlan::name).toList();
    }
  }
}
