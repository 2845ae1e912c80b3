package dev.braid.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money in Braid is a {@code long} count of microcents: a millionth of a US cent, so that a
 * token priced at a fraction of a cent still costs a whole number and sums never round. These
 * constants read well in budgets:
 *
 * <pre>{@code
 * @Pipeline(costBudget = 50 * CENT)           // import static dev.braid.runtime.Microcents.CENT
 * RunOptions.builder().costBudget(2 * DOLLAR)
 * }</pre>
 */
public final class Microcents {
  /** One US cent. */
  public static final long CENT = 1_000_000L;
  /** One US dollar. */
  public static final long DOLLAR = 100 * CENT;

  private static final BigDecimal PER_DOLLAR = BigDecimal.valueOf(DOLLAR);

  private Microcents() {}

  /**
   * Parses a dollar amount such as {@code "2.50"} or {@code "$0.000125"} exactly.
   *
   * @throws IllegalArgumentException if it is not a non-negative decimal number, or is finer than
   *     a microcent
   */
  public static long fromDollars(String dollars) {
    String text = dollars.strip();
    if (text.startsWith("$")) {
      text = text.substring(1);
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + dollars + "' is not a dollar amount; write it like 2.50");
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("'" + dollars + "' must not be negative");
    }
    try {
      return amount.multiply(PER_DOLLAR).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + dollars + "' is finer than a microcent (a hundred-millionth of a dollar) or too large");
    }
  }

  /** Formats an amount as dollars with as many decimals as it needs, at least two: {@code $0.0125}. */
  public static String format(long microcents) {
    BigDecimal dollars = BigDecimal.valueOf(microcents).divide(PER_DOLLAR).stripTrailingZeros();
    if (dollars.scale() < 2) {
      dollars = dollars.setScale(2, RoundingMode.UNNECESSARY);
    }
    return (microcents < 0 ? "-$" : "$") + dollars.abs().toPlainString();
  }
}
