package dev.braid.processor.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations of {@code @Pipeline} and {@code @Step}: a whole number with a unit ({@code
 * 250ms}, {@code 30s}, {@code 2m}, {@code 1h}) or ISO-8601 ({@code PT30S}). Generated code holds
 * them as milliseconds, so a value must be a whole number of milliseconds that fits a {@code long}.
 */
public final class DurationSyntax {
  /** The accepted forms, for diagnostics. */
  public static final String FORMS = "250ms, 30s, 2m, 1h or ISO-8601 such as PT30S";

  private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private DurationSyntax() {}

  /**
   * The duration {@code text} denotes in milliseconds, possibly zero or negative (ISO-8601 allows a
   * sign); empty when it is not a duration, has a fraction of a millisecond, or is too large.
   */
  public static OptionalLong parseMillis(String text) {
    try {
      Duration duration = parse(text);
      if (duration.getNano() % 1_000_000 != 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(duration.toMillis());
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The milliseconds of {@code text}, which validation has already accepted.
   *
   * @throws IllegalStateException if it is not a duration after all
   */
  public static long requireMillis(String text) {
    OptionalLong millis = parseMillis(text);
    if (millis.isEmpty()) {
      throw new IllegalStateException("Unvalidated duration: " + text);
    }
    return millis.getAsLong();
  }

  private static Duration parse(String text) {
    Matcher matcher = SHORT.matcher(text);
    if (!matcher.matches()) {
      return Duration.parse(text);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
