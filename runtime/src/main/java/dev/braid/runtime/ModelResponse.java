package dev.braid.runtime;

import java.util.Objects;

/**
 * What a {@link ModelClient} call returned: the value and the tokens the provider reported.
 * Braid prices the tokens with the run's {@link PriceTable}.
 *
 * @param value the text, or a typed value parsed from it
 * @param inputTokens tokens sent, cached ones included
 * @param cachedInputTokens the part of {@code inputTokens} the provider read from its cache
 * @param outputTokens tokens generated
 * @param <R> the value's type
 */
public record ModelResponse<R>(R value, long inputTokens, long cachedInputTokens, long outputTokens) {

  public ModelResponse {
    Objects.requireNonNull(value, "value");
    if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("Token counts must not be negative: input " + inputTokens
          + ", cached " + cachedInputTokens + ", output " + outputTokens);
    }
    if (cachedInputTokens > inputTokens) {
      throw new IllegalArgumentException("cachedInputTokens (" + cachedInputTokens
          + ") are part of inputTokens (" + inputTokens + ") and cannot exceed them");
    }
  }

  /** A response without cached input tokens. */
  public static <R> ModelResponse<R> of(R value, long inputTokens, long outputTokens) {
    return new ModelResponse<>(value, inputTokens, 0, outputTokens);
  }

  /** This response's token counts with another value, for a client that parses the text. */
  public <T> ModelResponse<T> withValue(T newValue) {
    return new ModelResponse<>(newValue, inputTokens, cachedInputTokens, outputTokens);
  }
}
