package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one run: the output step's value, or the {@link ConversationState} of the step
 * that stopped the run early, or — as the {@linkplain BraidException#partialResult() partial
 * result} of a run that threw — neither. In every case it records every step, the run's inputs and
 * the outputs of the steps that finished, which is what {@code resume} needs.
 *
 * <pre>{@code
 * PipelineResult<Reply> result = executor.execute(ticket);
 * if (result.stoppedEarly()) {
 *   askUser(result.conversationState().orElseThrow().context());
 * } else {
 *   send(result.output());
 * }
 * }</pre>
 *
 * <p>Instances are immutable, though they hold the steps' outputs and the inputs as given. The
 * runtime creates them; the constructor and {@link #builder} are public so that code consuming
 * results can be tested without running a pipeline.
 *
 * @param <O> the output step's type ({@code Void} when it returns nothing)
 */
public final class PipelineResult<O extends @Nullable Object> {
  private final String pipelineName;
  private final @Nullable O output;
  private final boolean hasOutput;
  private final @Nullable ConversationState<?> stopState;
  private final @Nullable String stoppedAt;
  private final List<StepRecord> steps;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final List<@Nullable Object> inputs;
  private final Map<String, @Nullable Object> stepOutputs;
  private final Usage usage;

  /**
   * Creates a result without inputs or step outputs. {@code stopState} and {@code stoppedAt} are
   * both null for a run that ran to the end, or both set for one that stopped early.
   */
  public PipelineResult(
      String pipelineName,
      @Nullable O output,
      @Nullable ConversationState<?> stopState,
      @Nullable String stoppedAt,
      List<StepRecord> steps,
      Instant startedAt,
      Instant finishedAt) {
    this(pipelineName, output, stopState == null && stoppedAt == null, stopState, stoppedAt, steps,
        startedAt, finishedAt, List.of(), Map.of());
  }

  /** @param stepOutputs an unmodifiable map no one else writes to, kept as it is */
  private PipelineResult(
      String pipelineName,
      @Nullable O output,
      boolean hasOutput,
      @Nullable ConversationState<?> stopState,
      @Nullable String stoppedAt,
      List<StepRecord> steps,
      Instant startedAt,
      Instant finishedAt,
      List<@Nullable Object> inputs,
      Map<String, @Nullable Object> stepOutputs) {
    if ((stopState == null) != (stoppedAt == null)) {
      throw new IllegalArgumentException("stopState and stoppedAt are set together");
    }
    this.pipelineName = Objects.requireNonNull(pipelineName, "pipelineName");
    this.output = output;
    this.hasOutput = hasOutput;
    this.stopState = stopState;
    this.stoppedAt = stoppedAt;
    this.steps = List.copyOf(steps);
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
    this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
    this.stepOutputs = stepOutputs;
    Usage sum = Usage.NONE;
    for (StepRecord step : this.steps) {
      sum = sum.plus(step.usage());
    }
    this.usage = sum;
  }

  /** Starts a result of {@code pipelineName}; without {@code output} or {@code stoppedEarly} it is partial. */
  public static <O extends @Nullable Object> Builder<O> builder(String pipelineName) {
    return new Builder<>(pipelineName);
  }

  public String pipelineName() {
    return pipelineName;
  }

  /**
   * The output step's value.
   *
   * @throws IllegalStateException if the run {@linkplain #stoppedEarly() stopped early} or this is
   *     the partial result of a run that threw, neither of which has an output
   */
  public O output() {
    if (stopState != null) {
      throw new IllegalStateException("Pipeline '" + pipelineName + "' stopped early at step '"
          + stoppedAt + "' and has no output (" + stopState.context()
          + "); check stoppedEarly() or conversationState() first");
    }
    if (!hasOutput) {
      throw new IllegalStateException("Pipeline '" + pipelineName + "' has no output: this is the"
          + " partial result of a run that threw; read steps() and stepOutput(name) instead");
    }
    return output;
  }

  /** Whether {@link #output()} has a value: false after an early stop and for a partial result. */
  public boolean hasOutput() {
    return hasOutput;
  }

  /** Whether a step returned an incomplete {@link ConversationState} and stopped the run. */
  public boolean stoppedEarly() {
    return stopState != null;
  }

  /** The incomplete state that stopped the run, if it stopped early. */
  public Optional<ConversationState<?>> conversationState() {
    return Optional.ofNullable(stopState);
  }

  /** The step that stopped the run, if it stopped early. */
  public Optional<String> stoppedAt() {
    return Optional.ofNullable(stoppedAt);
  }

  /** Every step of the pipeline, in declaration order. */
  public List<StepRecord> steps() {
    return steps;
  }

  /**
   * The record of the named step.
   *
   * @throws IllegalArgumentException if the pipeline has no such step
   */
  public StepRecord step(String name) {
    for (StepRecord step : steps) {
      if (step.name().equals(name)) {
        return step;
      }
    }
    throw unknownStep(name);
  }

  /**
   * The output of the named step, if it {@linkplain StepStatus#hasOutput() has one} and it is not
   * null.
   *
   * @throws IllegalArgumentException if the pipeline has no such step
   */
  public Optional<Object> stepOutput(String name) {
    Object value = stepOutputs.get(name);
    if (value == null && !stepOutputs.containsKey(name)) {
      step(name);
    }
    return Optional.ofNullable(value);
  }

  /** The outputs of the steps that succeeded or were reused, by step name; values may be null. */
  public Map<String, @Nullable Object> stepOutputs() {
    return stepOutputs;
  }

  /** The run's inputs, in the order the pipeline declares them; empty if the run was not given them. */
  public List<@Nullable Object> inputs() {
    return inputs;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  /** How long the run took, from its start until its last step ended. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /**
   * What the run's model calls used, all steps together, failed and timed-out attempts included:
   * the sum of the steps' {@link StepRecord#usage()}.
   */
  public Usage usage() {
    return usage;
  }

  /**
   * A text table of what each step's model calls used and cost, and the run's total, for
   * terminals and logs.
   */
  public String usageTable() {
    return UsageTable.render(this);
  }

  /**
   * A text Gantt chart of the run for terminals and logs: one line a step, with its bar on a shared
   * time axis, its start offset and duration, and its status when it did not succeed.
   */
  public String timeline() {
    return TextTimeline.render(this);
  }

  /**
   * A self-contained HTML page of the run, with no script and nothing to fetch: each step's
   * attempts as bars on a shared time axis, coloured by outcome, with its status, usage and cost,
   * and a line where the run stopped early or failed. Write it to a file and open it in a browser.
   */
  public String htmlTimeline() {
    return HtmlTimeline.render(this);
  }

  private IllegalArgumentException unknownStep(String name) {
    return new IllegalArgumentException("Pipeline '" + pipelineName + "' has no step named '" + name
        + "'; its steps are " + steps.stream().map(StepRecord::name).toList());
  }

  @Override
  public String toString() {
    String outcome = stopState != null ? ", stopped early at " + stoppedAt
        : hasOutput ? ", output=" + output : ", partial";
    return "PipelineResult[" + pipelineName + outcome + ", " + duration().toMillis() + " ms]";
  }

  /** Collects a result; not thread-safe. */
  public static final class Builder<O extends @Nullable Object> {
    private final String pipelineName;
    private @Nullable O output;
    private boolean hasOutput;
    private @Nullable ConversationState<?> stopState;
    private @Nullable String stoppedAt;
    private List<StepRecord> steps = List.of();
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private List<@Nullable Object> inputs = List.of();
    /** Made by the first step output, sized for the steps if they were given first. */
    private Map<String, @Nullable Object> stepOutputs = Map.of();
    /** Whether a built result holds {@link #stepOutputs}, which a later change must copy first. */
    private boolean outputsShared;

    private Builder(String pipelineName) {
      this.pipelineName = Objects.requireNonNull(pipelineName, "pipelineName");
    }

    /** The run ran to its end with {@code output}. */
    public Builder<O> output(@Nullable O output) {
      this.output = output;
      this.hasOutput = true;
      return this;
    }

    /** The run stopped early at {@code step} with {@code state}. */
    public Builder<O> stoppedEarly(String step, ConversationState<?> state) {
      this.stoppedAt = Objects.requireNonNull(step, "step");
      this.stopState = Objects.requireNonNull(state, "state");
      return this;
    }

    public Builder<O> steps(List<StepRecord> steps) {
      this.steps = List.copyOf(steps);
      return this;
    }

    public Builder<O> times(Instant startedAt, Instant finishedAt) {
      this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
      this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
      return this;
    }

    /** The run's inputs in declaration order; null elements are allowed. */
    public Builder<O> inputs(@Nullable Object... inputs) {
      this.inputs = Arrays.asList(inputs.clone());
      return this;
    }

    /** The output of the step named {@code step}, which succeeded or was reused. */
    public Builder<O> stepOutput(String step, @Nullable Object value) {
      Objects.requireNonNull(step, "step");
      if (outputsShared || stepOutputs.isEmpty()) {
        Map<String, @Nullable Object> outputs =
            LinkedHashMap.newLinkedHashMap(Math.max(steps.size(), stepOutputs.size() + 1));
        outputs.putAll(stepOutputs);
        stepOutputs = outputs;
        outputsShared = false;
      }
      stepOutputs.put(step, value);
      return this;
    }

    /**
     * Builds the result.
     *
     * @throws IllegalArgumentException if both an output and an early stop were set, or a step
     *     output names no step
     * @throws NullPointerException if the times were not set
     */
    public PipelineResult<O> build() {
      if (hasOutput && stopState != null) {
        throw new IllegalArgumentException("A result has an output or stopped early, not both");
      }
      if (!outputsInStepOrder()) {
        Set<String> names = HashSet.newHashSet(steps.size());
        steps.forEach(record -> names.add(record.name()));
        for (String step : stepOutputs.keySet()) {
          if (!names.contains(step)) {
            throw new IllegalArgumentException("Pipeline '" + pipelineName
                + "' has no step named '" + step + "' to record an output for");
          }
        }
      }
      PipelineResult<O> result = new PipelineResult<>(pipelineName, output, hasOutput, stopState,
          stoppedAt, steps, Objects.requireNonNull(startedAt, "startedAt"),
          Objects.requireNonNull(finishedAt, "finishedAt"), inputs,
          Collections.unmodifiableMap(stepOutputs));
      outputsShared = true;
      return result;
    }

    /**
     * Whether every step output names a step, found without building a set of the names when the
     * outputs were given in the order of the steps, as the engine gives them.
     */
    private boolean outputsInStepOrder() {
      int next = 0;
      for (String step : stepOutputs.keySet()) {
        while (next < steps.size() && !steps.get(next).name().equals(step)) {
          next++;
        }
        if (next == steps.size()) {
          return false;
        }
        next++;
      }
      return true;
    }
  }
}
