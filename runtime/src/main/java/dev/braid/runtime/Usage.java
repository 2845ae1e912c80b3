package dev.braid.runtime;

/**
 * What model calls used: tokens, calls and cost. A step's usage sums its attempts' calls, failed
 * and timed-out ones included; a run's sums its steps'. What was spent is never dropped: a run that
 * throws carries its usage in its {@linkplain BraidException#partialResult() partial result}.
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
 */
public record Usage(
    long inputTokens, long cachedInputTokens, long outputTokens, long calls, long costMicrocents) {

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
  }

  /** Input plus output tokens. */
  public long totalTokens() {
    return Math.addExact(inputTokens, outputTokens);
  }

  /** The sum of this usage and {@code other}. */
  public Usage plus(Usage other) {
    if (other == NONE) {
      return this;
    }
    if (this == NONE) {
      return other;
    }
    return new Usage(
        Math.addExact(inputTokens, other.inputTokens),
        Math.addExact(cachedInputTokens, other.cachedInputTokens),
        Math.addExact(outputTokens, other.outputTokens),
        Math.addExact(calls, other.calls),
        Math.addExact(costMicrocents, other.costMicrocents));
  }

  /** Whether nothing was used: no call was made. */
  public boolean isNone() {
    return calls == 0 && inputTokens == 0 && outputTokens == 0 && costMicrocents == 0;
  }

  @Override
  public String toString() {
    return "Usage[" + calls + " calls, " + inputTokens + " in (" + cachedInputTokens + " cached), "
        + outputTokens + " out, " + Microcents.format(costMicrocents) + "]";
  }

  private static void requireNotNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("Usage." + field + " must not be negative, was " + value);
    }
  }
}
