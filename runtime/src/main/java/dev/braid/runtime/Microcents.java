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
 *
 * <p>Beware when porting budgets: a Braid microcent is a millionth of a <em>cent</em>, so $1 is
 * 100,000,000 of them, while libraries such as FastroAI count "microcents" of a millionth of a
 * dollar, 100 times larger. Writing budgets in dollars avoids the question: {@code
 * @Pipeline(costBudgetDollars = "$0.10")}, {@link Money#dollars Money.dollars("0.10")}.
 */
public final class Microcents {
  /** One US cent. */
  public static final long CENT = 1_000_000L;
  /** One US dollar. */
  public static final long DOLLAR = 100 * CENT;

  private static final BigDecimal PER_DOLLAR = BigDecimal.valueOf(DOLLAR);

  private Microcents() {}

  /**
   * Parses a dollar amount such as {@code "2.50"} or {@code "$0.000125"} exactly, as {@link
   * Money#dollars} does.
   *
   * @throws IllegalArgumentException if it is not a non-negative decimal number with at most eight
   *     decimals (one microcent), or is too large
   */
  public static long fromDollars(String dollars) {
    return Money.parseMicrocents(dollars);
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
