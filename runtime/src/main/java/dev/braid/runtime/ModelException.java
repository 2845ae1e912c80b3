package dev.braid.runtime;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A model call failed in a way the provider classified: {@linkplain #retryable() retryable} (a
 * rate limit, an overloaded or failing server, a dropped connection) or not (a bad request, a
 * missing key, an unknown model). {@link StepContext#call} retries the first kind with the step's
 * backoff and fails the step at once on the second.
 *
 * <p>A call can fail after the provider billed it, for example with a reply that cannot be used.
 * {@link #withTokens} records what it used, so that Braid counts it against the budgets.
 */
public class ModelException extends RuntimeException {
  private final boolean retryable;
  private final int status;
  private long inputTokens;
  private long cachedInputTokens;
  private long outputTokens;

  /**
   * @param status the provider's HTTP status, or {@code 0} when there was none
   */
  public ModelException(String message, boolean retryable, int status, @Nullable Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.status = status;
  }

  /**
   * The failure an HTTP status means: 408, 409, 429 and 5xx are retryable, any other is not.
   */
  public static ModelException ofStatus(int status, String message, @Nullable Throwable cause) {
    return new ModelException(message, isRetryable(status), status, cause);
  }

  /** Whether a response with this HTTP status is worth trying again. */
  public static boolean isRetryable(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /**
   * Records the tokens the failed call used, as the provider reported them; returns this exception.
   *
   * @throws IllegalArgumentException if a count is negative or more tokens are cached than sent
   */
  public ModelException withTokens(long inputTokens, long cachedInputTokens, long outputTokens) {
    if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0
        || cachedInputTokens > inputTokens) {
      throw new IllegalArgumentException("Token counts must not be negative, and cached input"
          + " tokens are part of the input: input " + inputTokens + ", cached "
          + cachedInputTokens + ", output " + outputTokens);
    }
    this.inputTokens = inputTokens;
    this.cachedInputTokens = cachedInputTokens;
    this.outputTokens = outputTokens;
    return this;
  }

  /** The input tokens the failed call used, cached ones included; 0 if unknown. */
  public long inputTokens() {
    return inputTokens;
  }

  /** The part of {@link #inputTokens()} read from the provider's cache. */
  public long cachedInputTokens() {
    return cachedInputTokens;
  }

  /** The tokens the failed call generated; 0 if unknown. */
  public long outputTokens() {
    return outputTokens;
  }

  /** Whether trying the call again may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** The provider's HTTP status, if the failure came with one. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }
}
