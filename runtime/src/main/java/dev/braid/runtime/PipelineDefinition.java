package dev.braid.runtime;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepFingerprints;
import dev.braid.runtime.codegen.StepPlan;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to run a pipeline away from the code that defined it: its engine, the code of
 * its steps for any inputs, and the full Java type of each input and each step's output. A durable
 * worker reads a stored run's inputs and checkpoints back into these types and runs them here.
 *
 * <p>The executor of a {@code @Pipeline(durable = true)} class returns one from
 * {@code definition()}; the processor has checked that every type can be stored as JSON.
 * Immutable and thread-safe.
 *
 * @param <O> the type of the pipeline's output
 */
public final class PipelineDefinition<O extends @Nullable Object> {
  private final PipelineEngine engine;
  private final List<Type> inputTypes;
  private final List<Type> stepTypes;
  /** The step types by name, in plan order; a worker looks one up for every checkpoint. */
  private final Map<String, Type> byName;
  private final Map<String, String> fingerprints;
  private final String version;
  private final Function<@Nullable Object[], StepDispatcher> steps;

  private PipelineDefinition(PipelineEngine engine, List<Type> inputTypes, List<Type> stepTypes,
      List<String> fingerprints, Function<@Nullable Object[], StepDispatcher> steps) {
    this.engine = engine;
    this.inputTypes = inputTypes;
    this.stepTypes = stepTypes;
    this.steps = steps;
    Map<String, Type> types = new LinkedHashMap<>();
    Map<String, String> prints = new LinkedHashMap<>();
    for (StepPlan step : engine.plan().steps()) {
      types.put(step.name(), stepTypes.get(step.index()));
      prints.put(step.name(), fingerprints.get(step.index()));
    }
    this.byName = Collections.unmodifiableMap(types);
    this.fingerprints = Collections.unmodifiableMap(prints);
    this.version = StepFingerprints.version(engine.plan().name(), fingerprints);
  }

  /**
   * Creates a definition; generated executors call this, and tests with hand-written plans may.
   *
   * @param inputTypes the type of each input, in the order of {@link PipelinePlan#inputs()}
   * @param stepTypes the type of each step's output in plan order: {@code Void.class} for a step
   *     that returns nothing, and for a conversational step the type of its state's data
   * @param steps the dispatcher of one run, given that run's inputs
   * @throws IllegalArgumentException if a list's size does not match the plan
   */
  public static <O extends @Nullable Object> PipelineDefinition<O> of(PipelineEngine engine,
      List<? extends Type> inputTypes, List<? extends Type> stepTypes,
      Function<@Nullable Object[], StepDispatcher> steps) {
    checkSizes(engine.plan(), inputTypes, stepTypes);
    return new PipelineDefinition<>(engine, List.copyOf(inputTypes), List.copyOf(stepTypes),
        StepFingerprints.compute(engine.plan(), inputTypes, stepTypes),
        Objects.requireNonNull(steps, "steps"));
  }

  /**
   * Creates a definition with the fingerprint of each step, in plan order, as the processor
   * computed them from the declared types ({@link StepFingerprints}); generated executors call
   * this.
   *
   * @throws IllegalArgumentException if a list's size does not match the plan
   */
  public static <O extends @Nullable Object> PipelineDefinition<O> of(PipelineEngine engine,
      List<? extends Type> inputTypes, List<? extends Type> stepTypes,
      List<String> fingerprints, Function<@Nullable Object[], StepDispatcher> steps) {
    checkSizes(engine.plan(), inputTypes, stepTypes);
    if (fingerprints.size() != engine.plan().steps().size()) {
      throw new IllegalArgumentException("Pipeline '" + engine.plan().name() + "' has "
          + engine.plan().steps().size() + " steps but " + fingerprints.size()
          + " step fingerprints were given");
    }
    return new PipelineDefinition<>(engine, List.copyOf(inputTypes), List.copyOf(stepTypes),
        List.copyOf(fingerprints), Objects.requireNonNull(steps, "steps"));
  }

  private static void checkSizes(PipelinePlan plan, List<? extends Type> inputTypes,
      List<? extends Type> stepTypes) {
    if (inputTypes.size() != plan.inputs().size()) {
      throw new IllegalArgumentException("Pipeline '" + plan.name() + "' takes "
          + plan.inputs().size() + " inputs " + plan.inputs() + " but " + inputTypes.size()
          + " input types were given");
    }
    if (stepTypes.size() != plan.steps().size()) {
      throw new IllegalArgumentException("Pipeline '" + plan.name() + "' has "
          + plan.steps().size() + " steps but " + stepTypes.size() + " step types were given");
    }
  }

  public String name() {
    return engine.plan().name();
  }

  public PipelineEngine engine() {
    return engine;
  }

  public PipelinePlan plan() {
    return engine.plan();
  }

  /** The type of each input, in the order of {@link PipelinePlan#inputs()}. */
  public List<Type> inputTypes() {
    return inputTypes;
  }

  /** The type of each step's output by step name, in plan order. */
  public Map<String, Type> stepTypes() {
    return byName;
  }

  /**
   * The type of the named step's output.
   *
   * @throws IllegalArgumentException if the pipeline has no such step
   */
  public Type stepType(String step) {
    Type type = byName.get(step);
    if (type != null) {
      return type;
    }
    throw new IllegalArgumentException("Pipeline '" + name() + "' has no step named '" + step
        + "'; its steps are " + plan().steps().stream().map(StepPlan::name).toList());
  }

  /**
   * The fingerprint of each step by name, in plan order: a hash of its name, dependencies,
   * parameter and output types and the pipeline's input types ({@link StepFingerprints}). A durable
   * worker reuses a checkpoint only if it was written under the step's current fingerprint.
   */
  public Map<String, String> stepFingerprints() {
    return fingerprints;
  }

  /**
   * The pipeline's version: a hash of its name and its steps' fingerprints, which changes when a
   * step is added, removed, renamed or changes its types or dependencies.
   */
  public String version() {
    return version;
  }

  /** The type of the pipeline's output: that of its output step. */
  public Type outputType() {
    return stepTypes.get(plan().outputStep());
  }

  /** The code of the steps of one run with {@code inputs}. */
  public StepDispatcher dispatcher(@Nullable Object[] inputs) {
    return steps.apply(inputs);
  }

  /** Runs the pipeline once, as the executor's {@code execute} would. */
  public PipelineResult<O> execute(RunOptions options, @Nullable Object... inputs) {
    return engine.execute(options, inputs, dispatcher(inputs));
  }

  /** Resumes from {@code previous} with {@code inputs}, as the executor's {@code resume} would. */
  public PipelineResult<O> resume(PipelineResult<O> previous, RunOptions options,
      @Nullable Object... inputs) {
    return engine.resume(previous, options, inputs, dispatcher(inputs));
  }

  /**
   * The steps that {@link #resume} would take from {@code previous} with {@code inputs} instead of
   * running them again.
   *
   * @throws IllegalArgumentException if {@code previous} is the result of another pipeline
   */
  public Set<String> reusableSteps(PipelineResult<?> previous, @Nullable Object... inputs) {
    return engine.reusableSteps(previous, inputs);
  }

  @Override
  public String toString() {
    return "PipelineDefinition[" + name() + ", inputs " + inputTypes + ", steps "
        + Arrays.toString(stepTypes.toArray()) + "]";
  }
}
