package dev.braid.runtime;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@code execute} when the calling thread was interrupted while the run was in progress,
 * or given to a run started with {@code executeAsync} whose future was cancelled. Every
 * interruptible step still running was interrupted and had ended (or was abandoned after ignoring
 * the interrupt) before this was thrown; uninterruptible steps were waited for. After an interrupt
 * the caller's interrupt status is set again.
 */
public final class RunCancelledException extends BraidException {

  public RunCancelledException(String pipelineName, InterruptedException cause) {
    this(pipelineName, cause, null);
  }

  /**
   * Creates the exception.
   *
   * @param cause the caller's interrupt, or null for a run cancelled through its future
   */
  public RunCancelledException(
      String pipelineName,
      @Nullable InterruptedException cause,
      @Nullable PipelineResult<?> partialResult) {
    super(pipelineName, "Run of pipeline '" + pipelineName + "' was cancelled"
        + (cause != null ? ": the calling thread was interrupted" : ""), cause, partialResult);
  }
}
