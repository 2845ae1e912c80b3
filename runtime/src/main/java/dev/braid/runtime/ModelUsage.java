package dev.braid.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What the calls to one model used, as {@link Usage#byModel()} breaks a usage down: tokens, calls,
 * cost and the time spent waiting for the model.
 *
 * @param inputTokens tokens sent, cached ones included
 * @param cachedInputTokens the part of {@code inputTokens} read from the provider's cache
 * @param outputTokens tokens generated
 * @param calls calls made, failed ones included
 * @param costMicrocents what they cost, in {@linkplain Microcents microcents}
 * @param latency the calls' durations added up, from the request to the answer or the failure
 */
public record ModelUsage(long inputTokens, long cachedInputTokens, long outputTokens, long calls,
    long costMicrocents, Duration latency) {

  public ModelUsage {
    Objects.requireNonNull(latency, "latency");
    if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0 || calls < 0
        || costMicrocents < 0 || latency.isNegative()) {
      throw new IllegalArgumentException("ModelUsage fields must not be negative: " + inputTokens
          + " in (" + cachedInputTokens + " cached), " + outputTokens + " out, " + calls
          + " calls, " + costMicrocents + " microcents, latency " + latency);
    }
  }

  /** Input plus output tokens. */
  public long totalTokens() {
    return Math.addExact(inputTokens, outputTokens);
  }

  /** The sum of this usage and {@code other}, latencies added. */
  public ModelUsage plus(ModelUsage other) {
    return new ModelUsage(
        Math.addExact(inputTokens, other.inputTokens),
        Math.addExact(cachedInputTokens, other.cachedInputTokens),
        Math.addExact(outputTokens, other.outputTokens),
        Math.addExact(calls, other.calls),
        Math.addExact(costMicrocents, other.costMicrocents),
        latency.plus(other.latency));
  }
}
