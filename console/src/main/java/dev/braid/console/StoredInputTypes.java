package dev.braid.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A run's input types as the database names them, {@code [java.lang.String, com.acme.Ticket]},
 * for a console without the pipeline's classes: enough to check that an answer has the right JSON
 * shape (a string for a {@code String}, a number in range for a number, a boolean for a boolean,
 * an object or array for anything else), not that it reads as a record; the worker that resumes
 * the run does that. Immutable.
 */
final class StoredInputTypes {
  private final List<String> names;

  private StoredInputTypes(List<String> names) {
    this.names = List.copyOf(names);
  }

  /** The types named by {@code text}; empty if there is none or it does not parse. */
  static Optional<StoredInputTypes> parse(@Nullable String text) {
    if (text == null || !text.startsWith("[") || !text.endsWith("]")) {
      return Optional.empty();
    }
    String inner = text.substring(1, text.length() - 1).strip();
    List<String> names = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        names.add(inner.substring(start, i).strip());
        start = i + 1;
      }
    }
    if (!inner.isEmpty()) {
      names.add(inner.substring(start).strip());
    }
    return depth == 0 && !names.contains("") ? Optional.of(new StoredInputTypes(names))
        : Optional.empty();
  }

  List<String> names() {
    return names;
  }

  /** Why {@code value} cannot be a {@code type}, as a phrase; empty if its shape fits. */
  static Optional<String> misfit(String type, JsonNode value) {
    if (value.isNull()) {
      return isPrimitive(type) ? Optional.of("is null, which a " + type + " cannot be")
          : Optional.empty();
    }
    return switch (type) {
      case "java.lang.String" -> expect(value.isString(), "a JSON string", value);
      case "boolean", "java.lang.Boolean" -> expect(value.isBoolean(), "true or false", value);
      case "byte", "java.lang.Byte" -> integer(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case "short", "java.lang.Short" -> integer(value, Short.MIN_VALUE, Short.MAX_VALUE);
      case "int", "java.lang.Integer" -> integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case "long", "java.lang.Long" -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
      case "float", "java.lang.Float", "double", "java.lang.Double" ->
          expect(value.isNumber(), "a JSON number", value);
      default -> expect(value.isContainer(), "a JSON object or array", value);
    };
  }

  private static boolean isPrimitive(String type) {
    return !type.contains(".") && !type.contains("<");
  }

  private static Optional<String> integer(JsonNode value, long min, long max) {
    if (!value.isIntegralNumber()) {
      return Optional.of("is " + value + ", not a whole JSON number");
    }
    boolean fits = value.canConvertToLong() && value.longValue() >= min
        && value.longValue() <= max;
    return fits ? Optional.empty()
        : Optional.of("is " + value + ", outside " + min + " to " + max);
  }

  private static Optional<String> expect(boolean fits, String shape, JsonNode value) {
    return fits ? Optional.empty() : Optional.of("is " + value + ", not " + shape);
  }
}
