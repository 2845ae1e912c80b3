package dev.braid.runtime.codegen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks and copies the details of a {@code ConversationState}: values that any JSON library
 * writes and reads back as they were, so that the details survive a durable run's database, an
 * HTTP response and a worker restart without a type to read them as. Maps keep their order.
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * An immutable deep copy of {@code details}, whose values may be strings, booleans, numbers
   * ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code Double}, {@code Float},
   * {@code BigInteger}, {@code BigDecimal}), and lists or maps with string keys of those.
   *
   * @throws IllegalArgumentException naming the first value that is null or of another type
   */
  public static Map<String, Object> copyOf(Map<String, ?> details) {
    return copyMap(details, "details");
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new IllegalArgumentException(path + " has the key " + entry.getKey()
            + (entry.getKey() == null ? "" : " (a " + entry.getKey().getClass().getName() + ")")
            + "; details are JSON objects, whose keys are strings");
      }
      copy.put(key, copy(entry.getValue(), path + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object copy(Object value, String path) {
    return switch (value) {
      case null -> throw new IllegalArgumentException(path + " is null; leave the key out, or"
          + " say what is missing with a string or a list");
      case String string -> string;
      case Boolean bool -> bool;
      case Integer _, Long _, Short _, Byte _, Double _, Float _, BigInteger _, BigDecimal _ ->
          value;
      case Map<?, ?> map -> copyMap(map, path);
      case Collection<?> collection -> copyList(collection, path);
      default -> throw new IllegalArgumentException(path + " is a " + value.getClass().getName()
          + " (" + value + "); details hold only strings, booleans, numbers, and lists and maps"
          + " of them, so that they can be stored and sent as JSON: convert it, for example"
          + " with toString() or an enum's name()");
    };
  }

  private static List<Object> copyList(Collection<?> collection, String path) {
    List<Object> copy = new ArrayList<>(collection.size());
    int index = 0;
    for (Object element : collection) {
      copy.add(copy(element, path + "[" + index++ + "]"));
    }
    return Collections.unmodifiableList(copy);
  }

  /** {@code value}, one of the values {@link #copyOf} accepts, as compact JSON text. */
  public static String toJson(Object value) {
    StringBuilder json = new StringBuilder();
    write(json, value);
    return json.toString();
  }

  private static void write(StringBuilder json, Object value) {
    switch (value) {
      case String string -> quote(json, string);
      case Map<?, ?> map -> {
        json.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          json.append(separator);
          quote(json, String.valueOf(entry.getKey()));
          json.append(':');
          write(json, entry.getValue());
          separator = ",";
        }
        json.append('}');
      }
      case Collection<?> list -> {
        json.append('[');
        String separator = "";
        for (Object element : list) {
          json.append(separator);
          write(json, element);
          separator = ",";
        }
        json.append(']');
      }
      default -> json.append(value);
    }
  }

  private static void quote(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
