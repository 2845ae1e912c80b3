package dev.braid.runtime;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The root of the exceptions a pipeline run throws. An exception that ended a run carries the run's
 * {@linkplain #partialResult() partial result}: every step's record and the outputs of the steps
 * that finished before the run stopped.
 */
public abstract class BraidException extends RuntimeException {
  private final String pipelineName;
  private final transient @Nullable PipelineResult<?> partialResult;

  protected BraidException(String pipelineName, String message, @Nullable Throwable cause) {
    this(pipelineName, message, cause, null);
  }

  protected BraidException(
      String pipelineName,
      String message,
      @Nullable Throwable cause,
      @Nullable PipelineResult<?> partialResult) {
    super(message, cause);
    this.pipelineName = pipelineName;
    this.partialResult = partialResult;
  }

  /** The pipeline whose run failed. */
  public String pipelineName() {
    return pipelineName;
  }

  /**
   * What the run did before it ended with this exception: every step's {@link StepRecord}, and
   * {@link PipelineResult#stepOutput} for the steps that finished. Its {@link
   * PipelineResult#hasOutput()} is false. Present on the exceptions {@code execute} throws; empty
   * on a {@link StepTimeoutException}, which describes one attempt.
   */
  public Optional<PipelineResult<?>> partialResult() {
    return Optional.ofNullable(partialResult);
  }
}
