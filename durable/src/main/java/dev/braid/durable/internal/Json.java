package dev.braid.durable.internal;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Inputs, outputs and checkpoints as JSON, with one shared Jackson 3 mapper. Thread-safe. */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  /** The classes of values that {@link #writeCheckpoint} read back, with the type they had. */
  private static final Set<WrittenAs> READ_BACK = ConcurrentHashMap.newKeySet();

  private record WrittenAs(Type type, Class<?> valueClass) {}

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

  /**
   * Writes a step's output as its declared {@code type} for a checkpoint, and the first time a
   * value of its class is written as that type, reads it back, so that a type that cannot be
   * stored (an interface without type information, a lambda, a class without a creator) fails the
   * run that first returns one, instead of a takeover that finds the checkpoint unreadable. Later
   * values of a class that read back once are not read again: that halves the JSON work of a
   * checkpoint. A value whose fields hold classes the first one did not (a record with an
   * interface-typed component) can still slip through; a takeover then fails the run with the
   * checkpoint to delete. The processor proves the types of {@code @Pipeline(durable = true)}
   * storable at compile time.
   *
   * @throws JacksonException if the value cannot be written, or cannot be read back as {@code
   *     type}
   */
  public static String writeCheckpoint(@Nullable Object value, Type type) {
    String json = write(value, type);
    if (value != null && !READ_BACK.contains(new WrittenAs(type, value.getClass()))) {
      read(json, type);
      READ_BACK.add(new WrittenAs(type, value.getClass()));
    }
    return json;
  }

  /** Reads {@code json} as {@code type}; throws Jackson's exception when it cannot. */
  /** How many values the JSON array {@code json} holds; -1 if it is not a JSON array. */
  public static int arrayLength(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      return node.isArray() ? node.size() : -1;
    } catch (JacksonException e) {
      return -1;
    }
  }

  public static @Nullable Object read(String json, Type type) {
    return MAPPER.readValue(json, MAPPER.constructType(type));
  }

  /** Reads a JSON object, such as a conversation state's details, as maps, lists and values. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(String json) {
    return MAPPER.readValue(json, Map.class);
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
