package dev.braid.durable.micronaut;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration property the way Braid's annotations write durations, so that one syntax serves
 * both, plus days for retention; without Micronaut's own converters, which live outside {@code
 * micronaut-inject}.
 */
final class DurationProperty {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private DurationProperty() {}

  /**
   * Parses {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 30d} or ISO-8601 such as
   * {@code PT30S}.
   *
   * @throws IllegalArgumentException naming {@code property} if {@code value} is none of these
   */
  static Duration parse(String property, String value) {
    String text = value.strip();
    Matcher matcher = SHORT.matcher(text);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("Property " + property + " is \"" + value + "\", which is"
          + " not a duration; write it as 250ms, 30s, 2m, 1h, 30d or ISO-8601 such as PT30S", e);
    }
  }
}
