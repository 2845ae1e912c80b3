package dev.braid.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of US dollars, held as a whole number of Braid {@linkplain Microcents microcents} (a
 * millionth of a cent, so $1 is 100,000,000 of them). Write budgets with it in dollars, as people
 * think of them, rather than counting microcents by hand:
 *
 * <pre>{@code
 * RunOptions.builder().costBudget(Money.dollars("0.10"))
 * }</pre>
 *
 * <p>Parsing is exact: no floating point is involved, and an amount finer than a microcent (more
 * than eight decimals) is rejected rather than rounded. Immutable; equal amounts are equal.
 */
public final class Money implements Comparable<Money> {
  /** Nothing. */
  public static final Money ZERO = new Money(0);

  /** The forms {@link #dollars} accepts, for error messages. */
  static final String FORMS =
      "write it as \"$0.10\", \"0.10\" or \"12\", with at most 8 decimals (one microcent)";

  private static final Pattern DOLLARS = Pattern.compile("\\$?([0-9]+)(?:\\.([0-9]+))?");
  private static final int DECIMALS = 8;

  private final long microcents;

  private Money(long microcents) {
    this.microcents = microcents;
  }

  /**
   * Parses a dollar amount: digits with an optional {@code $} in front and up to eight decimals,
   * such as {@code "$0.10"}, {@code "0.10"}, {@code "12"} or {@code "$0.00000125"}.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms if it is not one of
   *     them, is negative, is finer than a microcent, or does not fit in a {@code long} of
   *     microcents
   */
  public static Money dollars(String amount) {
    return new Money(parseMicrocents(amount));
  }

  /** An amount of {@code microcents}; must not be negative. */
  public static Money microcents(long microcents) {
    if (microcents < 0) {
      throw new IllegalArgumentException(
          "An amount of money must not be negative, was " + microcents + " microcents");
    }
    return microcents == 0 ? ZERO : new Money(microcents);
  }

  /** This amount in Braid microcents, a millionth of a US cent. */
  public long toMicrocents() {
    return microcents;
  }

  /**
   * The microcents in {@code amount}, as {@link #dollars} reads it. Public code goes through
   * {@code dollars}; {@link Microcents#fromDollars} shares this.
   */
  static long parseMicrocents(String amount) {
    String text = amount.strip();
    if (text.startsWith("-")) {
      throw new IllegalArgumentException(
          "Dollar amount '" + amount + "' is negative; a cost budget must be zero or more");
    }
    Matcher matcher = DOLLARS.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + amount + "' is not a dollar amount; " + FORMS);
    }
    String fraction = matcher.group(2) == null ? "" : matcher.group(2);
    if (fraction.length() > DECIMALS) {
      throw new IllegalArgumentException("Dollar amount '" + amount + "' has " + fraction.length()
          + " decimals, finer than a microcent (a hundred-millionth of a dollar); " + FORMS);
    }
    try {
      long whole = Math.multiplyExact(Long.parseLong(matcher.group(1)), Microcents.DOLLAR);
      long part = fraction.isEmpty()
          ? 0
          : Long.parseLong(fraction) * pow10(DECIMALS - fraction.length());
      return Math.addExact(whole, part);
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      throw new IllegalArgumentException("Dollar amount '" + amount
          + "' is too large: at most " + Microcents.format(Long.MAX_VALUE) + " fits");
    }
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(microcents, other.microcents);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Money money && money.microcents == microcents;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(microcents);
  }

  /** The amount in dollars with as many decimals as it needs, at least two: {@code $0.10}. */
  @Override
  public String toString() {
    return Microcents.format(microcents);
  }
}
