package dev.braid.spring.boot.autoconfigure;

import dev.braid.runtime.codegen.ClosestName;
import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Matches a key written in the configuration to a pipeline's or step's name, as Spring matches
 * property names: {@code ticket-pipeline}, {@code ticket_pipeline} and {@code TICKETPIPELINE}
 * all name {@code TicketPipeline}; and suggests the closest name for a key that matches none.
 */
final class PropertyNames {
  private PropertyNames() {}

  static boolean matches(String key, String name) {
    return uniform(key).equals(uniform(name));
  }

  /** The first of {@code names} that {@code key} matches, or null. */
  static @Nullable String find(String key, Collection<String> names) {
    for (String name : names) {
      if (matches(key, name)) {
        return name;
      }
    }
    return null;
  }

  /** {@code "; did you mean 'x'?"}, or the names there are, or a note that there are none. */
  static String suggestion(String key, Collection<String> names, String kind) {
    if (names.isEmpty()) {
      return "; there are no " + kind + "s";
    }
    String closest = ClosestName.of(uniform(key), names.stream().map(PropertyNames::uniform)
        .toList());
    if (closest != null) {
      for (String name : names) {
        if (uniform(name).equals(closest)) {
          return "; did you mean '" + name + "'?";
        }
      }
    }
    return "; the " + kind + "s are " + names;
  }

  private static String uniform(String name) {
    StringBuilder uniform = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      if (c != '-' && c != '_') {
        uniform.append(c);
      }
    }
    return uniform.toString().toLowerCase(Locale.ROOT);
  }
}
