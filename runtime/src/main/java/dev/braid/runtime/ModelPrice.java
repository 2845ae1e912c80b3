package dev.braid.runtime;

import java.math.BigInteger;

/**
 * What one model charges, in {@linkplain Microcents microcents} per million tokens, for fresh
 * input, cached input and output. {@link #cost} rounds up to the next microcent, so that what a
 * budget counts is never below what was billed.
 *
 * @param inputPerMillion the price of a million input tokens not served from cache
 * @param cachedInputPerMillion the price of a million input tokens served from cache
 * @param outputPerMillion the price of a million output tokens
 */
public record ModelPrice(long inputPerMillion, long cachedInputPerMillion, long outputPerMillion) {
  /** The price of a model that costs nothing, chosen explicitly (see {@link PriceTable#withFree}). */
  public static final ModelPrice FREE = new ModelPrice(0, 0, 0);

  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

  public ModelPrice {
    if (inputPerMillion < 0 || cachedInputPerMillion < 0 || outputPerMillion < 0) {
      throw new IllegalArgumentException("Prices must not be negative: input " + inputPerMillion
          + ", cached input " + cachedInputPerMillion + ", output " + outputPerMillion);
    }
  }

  /**
   * A price from US dollars per million tokens, as providers publish them: {@code
   * ModelPrice.dollarsPerMillion("2.50", "1.25", "10.00")}.
   *
   * @throws IllegalArgumentException if an amount is negative, malformed or finer than a microcent
   */
  public static ModelPrice dollarsPerMillion(String input, String cachedInput, String output) {
    return new ModelPrice(Microcents.fromDollars(input), Microcents.fromDollars(cachedInput),
        Microcents.fromDollars(output));
  }

  /**
   * What a call with these token counts costs, rounded up to a whole microcent.
   *
   * @param inputTokens all input tokens, cached ones included
   * @throws IllegalArgumentException if {@code cachedInputTokens} exceeds {@code inputTokens}
   */
  public long cost(long inputTokens, long cachedInputTokens, long outputTokens) {
    if (cachedInputTokens > inputTokens) {
      throw new IllegalArgumentException("cachedInputTokens (" + cachedInputTokens
          + ") cannot exceed inputTokens (" + inputTokens + ")");
    }
    BigInteger scaled = BigInteger.valueOf(inputTokens - cachedInputTokens)
        .multiply(BigInteger.valueOf(inputPerMillion))
        .add(BigInteger.valueOf(cachedInputTokens).multiply(BigInteger.valueOf(cachedInputPerMillion)))
        .add(BigInteger.valueOf(outputTokens).multiply(BigInteger.valueOf(outputPerMillion)));
    BigInteger[] quotient = scaled.divideAndRemainder(MILLION);
    return quotient[0].add(quotient[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO).longValueExact();
  }

  @Override
  public String toString() {
    return "ModelPrice[per million tokens: input " + Microcents.format(inputPerMillion)
        + ", cached input " + Microcents.format(cachedInputPerMillion) + ", output "
        + Microcents.format(outputPerMillion) + "]";
  }
}
