package dev.braid.runtime;

import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the price of a model name in a table: the name itself; else the model it is a version of
 * ({@code gpt-4o-mini-2024-07-18}, {@code claude-3-5-haiku-latest}, {@code mistral-large-2411},
 * {@code gemini-2.0-flash-001}); else the longest pattern that matches it, a name that ends in
 * {@code *} ({@code llama3*} matches {@code llama3.1:8b}). A pattern is only ever one that somebody
 * wrote, so an unknown model still has no price.
 */
final class PriceLookup {
  private static final Pattern VERSION_SUFFIX =
      Pattern.compile("-(\\d{4}-?\\d{2}-?\\d{2}|\\d{3,4}|latest)$");
  private static final String WILDCARD = "*";

  private PriceLookup() {}

  static @Nullable ModelPrice find(Map<String, ModelPrice> prices, String model) {
    ModelPrice price = prices.get(model);
    if (price == null) {
      price = prices.get(VERSION_SUFFIX.matcher(model).replaceFirst(""));
    }
    if (price == null) {
      int longest = -1;
      for (Map.Entry<String, ModelPrice> entry : prices.entrySet()) {
        String name = entry.getKey();
        if (isPattern(name) && name.length() > longest
            && model.startsWith(name.substring(0, name.length() - 1))) {
          longest = name.length();
          price = entry.getValue();
        }
      }
    }
    return price;
  }

  static boolean isPattern(String name) {
    return name.endsWith(WILDCARD);
  }

  /**
   * Checks a model name or pattern as a table entry.
   *
   * @throws IllegalArgumentException if it is blank or has a {@code *} anywhere but at its end
   */
  static String checkName(String name) {
    if (name.isBlank() || name.indexOf('*') >= 0 && name.indexOf('*') != name.length() - 1) {
      throw new IllegalArgumentException("'" + name + "' is not a model name or pattern; write"
          + " the model's name (llama3.1:8b), or the start of it followed by * (llama3*)");
    }
    return name;
  }
}
