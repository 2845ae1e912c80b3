package dev.braid.durable.internal;

import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Inputs, outputs and checkpoints as JSON, with one shared Jackson 3 mapper. Thread-safe. */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static String write(@Nullable Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * Writes {@code value} as its declared {@code type}, so that type information Jackson needs to
   * read it back (a {@code @JsonTypeInfo} id inside a {@code List<Shape>}) is written too.
   */
  public static String write(@Nullable Object value, Type type) {
    return MAPPER.writerFor(MAPPER.constructType(type)).writeValueAsString(value);
  }

  public static String writeArray(@Nullable Object[] values) {
    return MAPPER.writeValueAsString(values);
  }

  /** Writes a JSON array whose element {@code i} is written as {@code types.get(i)}. */
  public static String writeArray(@Nullable Object[] values, List<Type> types) {
    if (values.length != types.size()) {
      throw new IllegalArgumentException("expected " + types.size() + " values, found "
          + values.length);
    }
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      json.append(i == 0 ? "" : ",").append(write(values[i], types.get(i)));
    }
    return json.append(']').toString();
  }

  /** Reads {@code json} as {@code type}; throws Jackson's exception when it cannot. */
  public static @Nullable Object read(String json, Type type) {
    return MAPPER.readValue(json, MAPPER.constructType(type));
  }

  /** Reads a JSON array element by element, each as the type at its index. */
  public static @Nullable Object[] readArray(String json, List<Type> types) {
    JsonNode array = MAPPER.readTree(json);
    if (!array.isArray() || array.size() != types.size()) {
      throw new IllegalArgumentException("expected a JSON array of " + types.size()
          + " inputs, found " + json);
    }
    @Nullable Object[] values = new Object[types.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = MAPPER.treeToValue(array.get(i), MAPPER.constructType(types.get(i)));
    }
    return values;
  }
}
