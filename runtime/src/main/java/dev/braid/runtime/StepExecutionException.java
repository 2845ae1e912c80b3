package dev.braid.runtime;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@code execute} when a step fails: the run stopped at the first failure, the steps still
 * running were cancelled, and nothing downstream started. The step's exception is the {@linkplain
 * #getCause() cause}; failures of other steps that ended at the same time are {@linkplain
 * #getSuppressed() suppressed}. A failing {@code optional} step does not throw this.
 */
public final class StepExecutionException extends BraidException {
  private final String stepName;
  private final int attempts;

  public StepExecutionException(String pipelineName, String stepName, int attempts, Throwable cause) {
    this(pipelineName, stepName, attempts, cause, null);
  }

  public StepExecutionException(
      String pipelineName,
      String stepName,
      int attempts,
      Throwable cause,
      @Nullable PipelineResult<?> partialResult) {
    super(pipelineName, message(pipelineName, stepName, attempts, cause), cause, partialResult);
    this.stepName = stepName;
    this.attempts = attempts;
  }

  private static String message(String pipeline, String step, int attempts, Throwable cause) {
    String reason = cause.getMessage() == null
        ? cause.getClass().getName()
        : cause.getClass().getName() + ": " + cause.getMessage();
    return "Step '" + step + "' of pipeline '" + pipeline + "' failed after "
        + attempts + (attempts == 1 ? " attempt" : " attempts") + ": " + reason;
  }

  /** The step that failed. */
  public String stepName() {
    return stepName;
  }

  /** How many attempts of the step ran. */
  public int attempts() {
    return attempts;
  }
}
