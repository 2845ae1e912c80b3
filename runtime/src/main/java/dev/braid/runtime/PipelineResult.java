package dev.braid.runtime;

import dev.braid.runtime.internal.TextTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one run that did not fail: either the output step's value, or the {@link
 * ConversationState} of the step that stopped the run early. Either way it records every step.
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
 * <p>Instances are immutable. The runtime creates them; the constructor is public so that code
 * consuming results can be tested without running a pipeline.
 *
 * @param <O> the output step's type ({@code Void} when it returns nothing)
 */
public final class PipelineResult<O extends @Nullable Object> {
  private final String pipelineName;
  private final @Nullable O output;
  private final @Nullable ConversationState<?> stopState;
  private final @Nullable String stoppedAt;
  private final List<StepRecord> steps;
  private final Instant startedAt;
  private final Instant finishedAt;

  /**
   * Creates a result. {@code stopState} and {@code stoppedAt} are both null for a run that ran to
   * the end, or both set for one that stopped early.
   */
  public PipelineResult(
      String pipelineName,
      @Nullable O output,
      @Nullable ConversationState<?> stopState,
      @Nullable String stoppedAt,
      List<StepRecord> steps,
      Instant startedAt,
      Instant finishedAt) {
    if ((stopState == null) != (stoppedAt == null)) {
      throw new IllegalArgumentException("stopState and stoppedAt are set together");
    }
    this.pipelineName = Objects.requireNonNull(pipelineName, "pipelineName");
    this.output = output;
    this.stopState = stopState;
    this.stoppedAt = stoppedAt;
    this.steps = List.copyOf(steps);
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
  }

  public String pipelineName() {
    return pipelineName;
  }

  /**
   * The output step's value.
   *
   * @throws IllegalStateException if the run {@linkplain #stoppedEarly() stopped early} and so has
   *     no output
   */
  public O output() {
    if (stopState != null) {
      throw new IllegalStateException("Pipeline '" + pipelineName + "' stopped early at step '"
          + stoppedAt + "' and has no output (" + stopState.context()
          + "); check stoppedEarly() or conversationState() first");
    }
    return output;
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
    throw new IllegalArgumentException("Pipeline '" + pipelineName + "' has no step named '" + name
        + "'; its steps are " + steps.stream().map(StepRecord::name).toList());
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
   * A text Gantt chart of the run for terminals and logs: one line a step, with its bar on a shared
   * time axis, its start offset and duration, and its status when it did not succeed.
   */
  public String timeline() {
    return TextTimeline.render(this);
  }

  @Override
  public String toString() {
    return "PipelineResult[" + pipelineName
        + (stopState == null ? ", output=" + output : ", stopped early at " + stoppedAt)
        + ", " + duration().toMillis() + " ms]";
  }
}
