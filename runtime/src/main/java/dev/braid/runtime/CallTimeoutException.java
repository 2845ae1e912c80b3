package dev.braid.runtime;

import java.time.Duration;

/**
 * A try of a model call ran past its own {@link CallOptions.Builder#timeout timeout} and was
 * interrupted. It is {@linkplain #retryable() retryable}: the call tries again while its retries
 * last, and this exception fails the step's attempt when they are spent.
 */
public final class CallTimeoutException extends ModelException {
  private final String pipelineName;
  private final String stepName;
  private final String model;
  private final Duration timeout;

  public CallTimeoutException(String pipelineName, String stepName, String model,
      Duration timeout, int callAttempt, int maxCallAttempts) {
    super("Call of model '" + model + "' in step '" + stepName + "' of pipeline '" + pipelineName
        + "' timed out after " + Durations.format(timeout) + " (try " + callAttempt + " of "
        + maxCallAttempts + "); raise CallOptions.timeout or leave it unset to use the step's",
        true, 0, null);
    this.pipelineName = pipelineName;
    this.stepName = stepName;
    this.model = model;
    this.timeout = timeout;
  }

  public String pipelineName() {
    return pipelineName;
  }

  public String stepName() {
    return stepName;
  }

  /** The model the call was made to. */
  public String model() {
    return model;
  }

  /** The call's own limit that passed. */
  public Duration timeout() {
    return timeout;
  }
}
