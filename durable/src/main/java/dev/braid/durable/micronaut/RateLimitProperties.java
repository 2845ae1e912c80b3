package dev.braid.durable.micronaut;

import dev.braid.runtime.RateLimit;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The models' rate limits from the {@code braid.durable.rate-limits.<model>.*} properties, shared
 * by every worker of the database: {@code requests-per-minute}, {@code tokens-per-minute} and
 * {@code tokens-per-call}, under the model's name as its client reports it. The keys are read as
 * written, since a model's name may hold dots ({@code gpt-4.1}) and capitals.
 */
final class RateLimitProperties {
  static final String PREFIX = DurableProperties.PREFIX + ".rate-limits";
  private static final List<String> SETTINGS =
      List.of("requests-per-minute", "tokens-per-minute", "tokens-per-call");

  private RateLimitProperties() {}

  /**
   * The limits the environment sets, one per model.
   *
   * @throws IllegalArgumentException naming the property at fault, if a value is not a whole
   *     number of at least 1, a setting is unknown, or a model sets neither per-minute limit
   */
  static List<RateLimit> read(Environment environment) {
    Map<String, Map<String, Long>> byModel = new LinkedHashMap<>();
    environment.getProperties(PREFIX, StringConvention.RAW).forEach((key, value) -> {
      int dot = key.lastIndexOf('.');
      String setting = dot < 0 ? "" : setting(key.substring(dot + 1));
      if (dot < 1 || !SETTINGS.contains(setting)) {
        throw new IllegalArgumentException("Property " + PREFIX + "." + key + " is not a rate"
            + " limit setting; write " + PREFIX + ".<model>. followed by requests-per-minute,"
            + " tokens-per-minute or tokens-per-call");
      }
      byModel.computeIfAbsent(key.substring(0, dot), model -> new LinkedHashMap<>())
          .put(setting, positive(PREFIX + "." + key, value));
    });
    List<RateLimit> limits = new ArrayList<>();
    byModel.forEach((model, settings) -> limits.add(limit(model, settings)));
    return limits;
  }

  private static RateLimit limit(String model, Map<String, Long> settings) {
    if (!settings.containsKey("requests-per-minute")
        && !settings.containsKey("tokens-per-minute")) {
      throw new IllegalArgumentException("Properties under " + PREFIX + "." + model + " set"
          + " neither requests-per-minute nor tokens-per-minute; set one or both, or remove the"
          + " model to leave it unlimited");
    }
    RateLimit limit = RateLimit.model(model);
    if (settings.containsKey("requests-per-minute")) {
      limit = limit.requestsPerMinute(settings.get("requests-per-minute"));
    }
    if (settings.containsKey("tokens-per-minute")) {
      limit = limit.tokensPerMinute(settings.get("tokens-per-minute"));
    }
    if (settings.containsKey("tokens-per-call")) {
      limit = limit.tokensPerCall(settings.get("tokens-per-call"));
    }
    return limit;
  }

  /** {@code requestsPerMinute} and {@code requests_per_minute} as {@code requests-per-minute}. */
  private static String setting(String written) {
    StringBuilder kebab = new StringBuilder();
    for (char c : written.toCharArray()) {
      if (Character.isUpperCase(c)) {
        kebab.append('-').append(Character.toLowerCase(c));
      } else {
        kebab.append(c == '_' ? '-' : c);
      }
    }
    return kebab.toString().toLowerCase(Locale.ROOT);
  }

  private static long positive(String property, Object value) {
    String text = String.valueOf(value).strip();
    try {
      long number = Long.parseLong(text);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the property's name
    }
    throw new IllegalArgumentException("Property " + property + " is \"" + text + "\"; write a"
        + " whole number of at least 1");
  }
}
