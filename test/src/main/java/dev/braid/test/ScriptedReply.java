package dev.braid.test;

import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One answer of a {@link ScriptedModel}: a value with its usage, a failure, or a hang until the
 * call is interrupted; optionally after a latency, and streamed in chunks before it returns.
 *
 * <pre>{@code
 * ScriptedReply.value("Dear Sam, ...", 1_200, 300)
 *     .after(Duration.ofSeconds(2))        // a latency, on the model's time
 *     .streaming("Dear ", "Sam")           // chunks streamed before it answers
 * ScriptedReply.retryable(429)                  // a rate limit, which Braid retries
 * ScriptedReply.fatal(400, "bad request")       // which it does not
 * ScriptedReply.hang()                          // until the attempt times out or the run stops
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param <R> the value a call returns
 */
public final class ScriptedReply<R> {
  /** The longest wait a {@link Duration} can hold, which stands for "until interrupted". */
  private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

  private final @Nullable ModelResponse<R> response;
  private final @Nullable Supplier<Exception> failure;
  private final Duration latency;
  private final List<String> chunks;

  private ScriptedReply(@Nullable ModelResponse<R> response,
      @Nullable Supplier<Exception> failure, Duration latency,
      List<String> chunks) {
    this.response = response;
    this.failure = failure;
    this.latency = latency;
    this.chunks = chunks;
  }

  /** Answers {@code value} with no tokens used. */
  public static <R> ScriptedReply<R> value(R value) {
    return value(value, 0, 0);
  }

  /** Answers {@code value}, having used {@code inputTokens} and {@code outputTokens}. */
  public static <R> ScriptedReply<R> value(R value, long inputTokens, long outputTokens) {
    return response(ModelResponse.of(value, inputTokens, outputTokens));
  }

  /** Answers with {@code response}, cached input tokens and all. */
  public static <R> ScriptedReply<R> response(ModelResponse<R> response) {
    return new ScriptedReply<>(Objects.requireNonNull(response, "response"), null, Duration.ZERO,
        List.of());
  }

  /** Fails as a provider does with HTTP {@code status}, retried as {@link ModelException} says. */
  public static <R> ScriptedReply<R> status(int status, String message) {
    return failing(() -> ModelException.ofStatus(status, message, null));
  }

  /** Fails with a retryable {@link ModelException} of HTTP {@code status}, such as 429 or 503. */
  public static <R> ScriptedReply<R> retryable(int status) {
    return failing(() -> new ModelException("scripted failure " + status, true, status, null));
  }

  /** Fails with a {@link ModelException} that is not retried. */
  public static <R> ScriptedReply<R> fatal(int status, String message) {
    return failing(() -> new ModelException(message, false, status, null));
  }

  /** Throws {@code failure}, the same instance on every call that gets this reply. */
  public static <R> ScriptedReply<R> failure(Exception failure) {
    Objects.requireNonNull(failure, "failure");
    return failing(() -> failure);
  }

  /** Throws a new exception from {@code failure} on each call that gets this reply. */
  public static <R> ScriptedReply<R> failing(Supplier<? extends Exception> failure) {
    Objects.requireNonNull(failure, "failure");
    return new ScriptedReply<>(null, failure::get, Duration.ZERO, List.of());
  }

  /** Never answers: waits until the call is interrupted, by a timeout or a stop of the run. */
  public static <R> ScriptedReply<R> hang() {
    return new ScriptedReply<>(null, null, FOREVER, List.of());
  }

  /** This reply, given only after {@code latency} has passed on the model's time. */
  public ScriptedReply<R> after(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("A reply's latency must not be negative, was " + latency);
    }
    return new ScriptedReply<>(response, failure, latency, chunks);
  }

  /** This reply, streaming {@code chunks} to the run's listeners before it answers. */
  public ScriptedReply<R> streaming(String... chunks) {
    return new ScriptedReply<>(response, failure, latency, List.of(chunks));
  }

  /** The answer, or null for a failure or a hang. */
  @Nullable ModelResponse<R> response() {
    return response;
  }

  /** A new failure to throw, or null if this reply does not fail. */
  @Nullable Exception failure() {
    return failure == null ? null : failure.get();
  }

  boolean hangs() {
    return response == null && failure == null;
  }

  Duration latency() {
    return latency;
  }

  List<String> chunks() {
    return chunks;
  }

  @Override
  public String toString() {
    String what = hangs() ? "hang" : failure != null ? "failure " + failure.get()
        : "value " + Objects.requireNonNull(response).value();
    return "ScriptedReply[" + what + (latency.isZero() || hangs() ? "" : " after " + latency)
        + (chunks.isEmpty() ? "" : " streaming " + chunks) + "]";
  }

}
