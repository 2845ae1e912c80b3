package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
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
  private final StepRecords steps;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final List<@Nullable Object> inputs;
  private final StepOutputMap stepOutputs;
  /** The sum of the steps' usage, made on first read as the records may be. */
  private volatile @Nullable Usage usage;

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
    this(pipelineName, output, stopState == null && stoppedAt == null, stopState, stoppedAt,
        StepRecords.of(steps), startedAt, finishedAt, List.of(), StepOutputMap.NONE);
  }

  /** @param stepOutputs the outputs, kept as they are */
  private PipelineResult(
      String pipelineName,
      @Nullable O output,
      boolean hasOutput,
      @Nullable ConversationState<?> stopState,
      @Nullable String stoppedAt,
      StepRecords steps,
      Instant startedAt,
      Instant finishedAt,
      List<@Nullable Object> inputs,
      StepOutputMap stepOutputs) {
    if ((stopState == null) != (stoppedAt == null)) {
      throw new IllegalArgumentException("stopState and stoppedAt are set together");
    }
    this.pipelineName = Objects.requireNonNull(pipelineName, "pipelineName");
    this.output = output;
    this.hasOutput = hasOutput;
    this.stopState = stopState;
    this.stoppedAt = stoppedAt;
    this.steps = steps;
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
    this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
    this.stepOutputs = stepOutputs;
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
    int index = steps.names().indexOf(name);
    if (index < 0) {
      throw unknownStep(name);
    }
    return steps.get(index);
  }

  /**
   * The output of the named step, if it {@linkplain StepStatus#hasOutput() has one} and it is not
   * null.
   *
   * @throws IllegalArgumentException if the pipeline has no such step
   */
  public Optional<Object> stepOutput(String name) {
    Map<String, @Nullable Object> outputs = stepOutputs.byName();
    Object value = outputs.get(name);
    if (value == null && !outputs.containsKey(name)) {
      step(name);
    }
    return Optional.ofNullable(value);
  }

  /** The outputs of the steps that succeeded or were reused, by step name; values may be null. */
  public Map<String, @Nullable Object> stepOutputs() {
    return stepOutputs.byName();
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
    Usage sum = usage;
    if (sum == null) {
      sum = Usage.NONE;
      for (StepRecord step : steps) {
        sum = sum.plus(step.usage());
      }
      usage = sum;
    }
    return sum;
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
        + "'; its steps are " + steps.names());
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
    private StepRecords steps = StepRecords.of(List.of());
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private List<@Nullable Object> inputs = List.of();
    /**
     * The step outputs in the order given, kept as two arrays rather than a map until read, and
     * handed to the result without a copy when they are full, as they are when every step gave an
     * output. A full array is never written again: the next output grows it into a copy first.
     */
    private String[] outputNames = new String[0];
    private @Nullable Object[] outputValues = new Object[0];
    private int outputCount;

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
      this.steps = StepRecords.of(steps);
      sizeOutputs();
      return this;
    }

    /**
     * The steps' records, made only when a reader first asks for each: {@code names} are the
     * steps' names in declaration order, and {@code record} makes the record of the step at an
     * index, the same record each time it is asked, from any thread. The engine gives its results'
     * records this way, as most callers read only the output.
     */
    public Builder<O> steps(List<String> names, IntFunction<StepRecord> record) {
      this.steps = StepRecords.lazy(names, record);
      sizeOutputs();
      return this;
    }

    /** Makes room for an output of every step, as most runs have. */
    private void sizeOutputs() {
      if (outputNames.length < steps.size()) {
        resizeOutputs(steps.size());
      }
    }

    private void resizeOutputs(int capacity) {
      outputNames = Arrays.copyOf(outputNames, capacity);
      outputValues = Arrays.copyOf(outputValues, capacity);
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
      if (outputCount == outputNames.length) {
        resizeOutputs(Math.max(outputNames.length, Math.max(4, outputCount * 2)));
      }
      outputNames[outputCount] = step;
      outputValues[outputCount] = value;
      outputCount++;
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
        Set<String> names = new HashSet<>(steps.names());
        for (int i = 0; i < outputCount; i++) {
          String step = outputNames[i];
          if (!names.contains(step)) {
            throw new IllegalArgumentException("Pipeline '" + pipelineName
                + "' has no step named '" + step + "' to record an output for");
          }
        }
      }
      StepOutputMap outputs;
      if (outputCount == outputNames.length) {
        outputs = new StepOutputMap(outputNames, outputValues);
      } else {
        outputs = new StepOutputMap(Arrays.copyOf(outputNames, outputCount),
            Arrays.copyOf(outputValues, outputCount));
      }
      return new PipelineResult<>(pipelineName, output, hasOutput, stopState, stoppedAt, steps,
          Objects.requireNonNull(startedAt, "startedAt"),
          Objects.requireNonNull(finishedAt, "finishedAt"), inputs, outputs);
    }

    /**
     * Whether every step output names a step, found without building a set of the names when the
     * outputs were given in the order of the steps, as the engine gives them.
     */
    private boolean outputsInStepOrder() {
      List<String> names = steps.names();
      int size = names.size();
      int next = 0;
      for (int i = 0; i < outputCount; i++) {
        String step = outputNames[i];
        while (next < size && !names.get(next).equals(step)) {
          next++;
        }
        if (next == size) {
          return false;
        }
        next++;
      }
      return true;
    }
  }
}
