package dev.braid.processor.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code costBudgetDollars} attribute, such as {@code "$0.10"}, into Braid microcents (a
 * millionth of a cent, so $1 is 100,000,000) exactly, as the runtime's {@code Money.dollars} does
 * at run time: an optional {@code $}, digits, and up to eight decimals.
 *
 * @param microcents the amount, or {@code -1} when the text is not one; then {@code problem} says
 *     why
 * @param problem why the text is not a budget, as the end of a sentence naming it; null when it is
 */
public record DollarAmount(long microcents, @Nullable String problem) {
  /** The forms a budget in dollars may take, for advice. */
  public static final String FORMS = "\"$0.10\", \"0.10\" or \"12\"";

  private static final Pattern DOLLARS = Pattern.compile("\\$?([0-9]+)(?:\\.([0-9]+))?");
  private static final int DECIMALS = 8;
  private static final long DOLLAR = 100_000_000L;

  /** Reads {@code text}; never throws. */
  public static DollarAmount parse(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("-")) {
      return problem("is negative; set a budget of zero or more, such as \"$0.10\"");
    }
    Matcher matcher = DOLLARS.matcher(trimmed);
    if (!matcher.matches()) {
      return problem("is not a dollar amount; write it as " + FORMS
          + ", with at most 8 decimals");
    }
    String fraction = matcher.group(2) == null ? "" : matcher.group(2);
    if (fraction.length() > DECIMALS) {
      return problem("has " + fraction.length() + " decimals, finer than a microcent (a"
          + " hundred-millionth of a dollar); round it to at most 8 decimals");
    }
    try {
      long part = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 8));
      return new DollarAmount(
          Math.addExact(Math.multiplyExact(Long.parseLong(matcher.group(1)), DOLLAR), part), null);
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      return problem("is too large: a budget is at most \"$92233720368.54775807\"");
    }
  }

  /**
   * The cost budget in microcents an annotation sets: {@code costBudget} if written, else {@code
   * costBudgetDollars} if written and valid, else {@code -1} for none.
   */
  public static long costBudget(Attribute<Long> microcents, Attribute<String> dollars) {
    if (microcents.written() != null || dollars.value().isEmpty()) {
      return microcents.value();
    }
    return parse(dollars.value()).microcents();
  }

  /** Whether an annotation writes a cost budget in either form. */
  public static boolean written(Attribute<Long> microcents, Attribute<String> dollars) {
    return microcents.written() != null || !dollars.value().isEmpty();
  }

  private static DollarAmount problem(String problem) {
    return new DollarAmount(-1, problem);
  }
}
