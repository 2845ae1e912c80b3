package dev.braid.langchain4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a LangChain4j model sends its requests, so that a failed connection can name the address
 * to check. LangChain4j's model interfaces do not expose it, but its OpenAI-compatible, Ollama,
 * Mistral and other HTTP models keep it in a {@code baseUrl} field, on the model or on the client
 * the model holds; this reads that field once, when a Braid client is made. A model that keeps it
 * elsewhere has no known endpoint, and its messages say to check the base URL instead.
 */
final class ModelEndpoint {
  private static final String FIELD = "baseUrl";
  private static final String LANGCHAIN4J = "dev.langchain4j.";

  private ModelEndpoint() {}

  /** The base URL {@code model} calls, or null if it cannot be found. */
  static @Nullable String of(Object model) {
    try {
      String url = baseUrl(model);
      if (url != null) {
        return url;
      }
      for (Object part : langChain4jFields(model)) {
        url = baseUrl(part);
        if (url != null) {
          return url;
        }
      }
    } catch (RuntimeException e) {
      // An inaccessible or unexpected class: no endpoint to name, which the message allows for.
    }
    return null;
  }

  private static @Nullable String baseUrl(Object target) {
    for (Class<?> type = target.getClass(); type != null && type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().equals(FIELD) && field.getType() == String.class
            && !Modifier.isStatic(field.getModifiers()) && field.trySetAccessible()) {
          return (String) read(field, target);
        }
      }
    }
    return null;
  }

  /** The values of {@code target}'s fields whose classes are LangChain4j's, such as its client. */
  private static List<Object> langChain4jFields(Object target) {
    List<Object> parts = new ArrayList<>();
    for (Class<?> type = target.getClass(); type != null && type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()
            && field.trySetAccessible()) {
          Object value = read(field, target);
          if (value != null && value.getClass().getName().startsWith(LANGCHAIN4J)) {
            parts.add(value);
          }
        }
      }
    }
    return parts;
  }

  private static @Nullable Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      return null;
    }
  }
}
