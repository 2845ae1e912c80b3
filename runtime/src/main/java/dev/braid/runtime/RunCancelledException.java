package dev.braid.runtime;

/**
 * Thrown by {@code execute} when the calling thread was interrupted while the run was in progress.
 * Every step still running was interrupted and had ended before this was thrown; the caller's
 * interrupt status is set again.
 */
public final class RunCancelledException extends BraidException {

  public RunCancelledException(String pipelineName, InterruptedException cause) {
    super(pipelineName, "Run of pipeline '" + pipelineName
        + "' was cancelled: the calling thread was interrupted", cause);
  }
}
