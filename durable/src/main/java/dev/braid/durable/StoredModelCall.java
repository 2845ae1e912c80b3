package dev.braid.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One model call of an attempt of a durable run, as stored when the attempt ended.
 *
 * @param model the model's name
 * @param startedAt when the call was sent, on the worker's time
 * @param latency how long it took to return or throw
 * @param inputTokens tokens sent, cached ones included
 * @param cachedInputTokens the part of {@code inputTokens} read from the provider's cache
 * @param outputTokens tokens generated
 * @param costMicrocents what it cost, in {@linkplain dev.braid.runtime.Microcents microcents}
 * @param error what the call threw, as {@code Throwable.toString()}; null when it returned
 */
public record StoredModelCall(String model, Instant startedAt, Duration latency, long inputTokens,
    long cachedInputTokens, long outputTokens, long costMicrocents, @Nullable String error) {

  public StoredModelCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(latency, "latency");
  }
}
