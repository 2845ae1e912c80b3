package dev.braid.runtime;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What model calls used: tokens, calls, cost, the time spent waiting for the models, and the same
 * broken down by model. A step's usage sums its attempts' calls, failed and timed-out ones
 * included; a run's sums its steps'. What was spent is never dropped: a run that throws carries its
 * usage in its {@linkplain BraidException#partialResult() partial result}.
 *
 * <p>Each call's usage, as {@code StepContext.call} records it, names its model and its latency,
 * from sending the request to the answer or the failure. {@link #plus} adds every number, adds the
 * latencies, and merges {@link #byModel()} by model name, adding the entries of a model both sides
 * called. A sum's latency is therefore the total time spent in model calls, which exceeds the wall
 * time of a run whose steps call models in parallel; {@link #model()} names the model only while
 * all the calls went to one. Usage made with the five-number constructor names no model and has no
 * latency, as does the usage a durable run reads back for a step an earlier worker ran.
 *
 * <p>{@code cachedInputTokens} are the part of {@code inputTokens} the provider served from its
 * prompt cache (and usually bills lower), so {@link #totalTokens()} is input plus output.
 * Arithmetic is exact: a sum that would overflow a {@code long} throws.
 *
 * @param inputTokens tokens sent, cached ones included
 * @param cachedInputTokens the part of {@code inputTokens} read from the provider's cache
 * @param outputTokens tokens generated
 * @param calls model calls made, failed ones included
 * @param costMicrocents what they cost, in {@linkplain Microcents microcents}
 * @param latency the calls' durations added up
 * @param byModel the same, for the calls of each model, sorted by model name; unmodifiable
 */
public record Usage(long inputTokens, long cachedInputTokens, long outputTokens, long calls,
    long costMicrocents, Duration latency, SortedMap<String, ModelUsage> byModel) {

  /** No usage at all. */
  public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

  public Usage {
    requireNotNegative("inputTokens", inputTokens);
    requireNotNegative("cachedInputTokens", cachedInputTokens);
    requireNotNegative("outputTokens", outputTokens);
    requireNotNegative("calls", calls);
    requireNotNegative("costMicrocents", costMicrocents);
    if (cachedInputTokens > inputTokens) {
      throw new IllegalArgumentException("cachedInputTokens (" + cachedInputTokens
          + ") are part of inputTokens (" + inputTokens + ") and cannot exceed them");
    }
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("Usage.latency must not be negative, was " + latency);
    }
    byModel = Collections.unmodifiableSortedMap(new TreeMap<>(byModel));
  }

  /** Usage of calls whose model and latency are not known. */
  public Usage(
      long inputTokens, long cachedInputTokens, long outputTokens, long calls, long costMicrocents) {
    this(inputTokens, cachedInputTokens, outputTokens, calls, costMicrocents, Duration.ZERO,
        Collections.emptySortedMap());
  }

  /** The usage of one call to {@code model} that took {@code latency}. */
  public static Usage ofCall(String model, long inputTokens, long cachedInputTokens,
      long outputTokens, long costMicrocents, Duration latency) {
    ModelUsage call =
        new ModelUsage(inputTokens, cachedInputTokens, outputTokens, 1, costMicrocents, latency);
    return new Usage(inputTokens, cachedInputTokens, outputTokens, 1, costMicrocents, latency,
        new TreeMap<>(Map.of(Objects.requireNonNull(model, "model"), call)));
  }

  /** The model every call went to; empty if there were none, calls to several, or none named. */
  public Optional<String> model() {
    return byModel.size() == 1 && byModel.get(byModel.firstKey()).calls() == calls
        ? Optional.of(byModel.firstKey())
        : Optional.empty();
  }

  /** Input plus output tokens. */
  public long totalTokens() {
    return Math.addExact(inputTokens, outputTokens);
  }

  /** The sum of this usage and {@code other}, latencies added and models merged by name. */
  public Usage plus(Usage other) {
    if (other == NONE) {
      return this;
    }
    if (this == NONE) {
      return other;
    }
    TreeMap<String, ModelUsage> models = new TreeMap<>(byModel);
    other.byModel.forEach((model, usage) -> models.merge(model, usage, ModelUsage::plus));
    return new Usage(
        Math.addExact(inputTokens, other.inputTokens),
        Math.addExact(cachedInputTokens, other.cachedInputTokens),
        Math.addExact(outputTokens, other.outputTokens),
        Math.addExact(calls, other.calls),
        Math.addExact(costMicrocents, other.costMicrocents),
        latency.plus(other.latency),
        models);
  }

  /** Whether nothing was used: no call was made. */
  public boolean isNone() {
    return calls == 0 && inputTokens == 0 && outputTokens == 0 && costMicrocents == 0;
  }

  @Override
  public String toString() {
    return "Usage[" + calls + " calls, " + inputTokens + " in (" + cachedInputTokens + " cached), "
        + outputTokens + " out, " + Microcents.format(costMicrocents)
        + (latency.isZero() ? "" : ", " + latency.toMillis() + " ms")
        + (byModel.isEmpty() ? "" : byModel.entrySet().stream()
            .map(entry -> entry.getKey() + " x" + entry.getValue().calls())
            .collect(Collectors.joining(", ", ", models ", "")))
        + "]";
  }

  private static void requireNotNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("Usage." + field + " must not be negative, was " + value);
    }
  }
}
