package dev.braid.console;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The console's one JSON mapper and its JSON responses. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** {@code json} as a tree, or its text as a string node when it is not JSON. */
  static JsonNode parseStored(@Nullable String json) {
    if (json == null) {
      return MAPPER.nullNode();
    }
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      return MAPPER.getNodeFactory().stringNode(json);
    }
  }

  static ConsoleResponse ok(JsonNode body) {
    return respond(200, body);
  }

  static ConsoleResponse respond(int status, JsonNode body) {
    return new ConsoleResponse(status, "application/json; charset=utf-8", NO_STORE,
        MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
  }

  /** A 4xx whose body is {@code {"error": message}}, which the pages show as it is. */
  static ConsoleResponse problem(int status, String message) {
    return respond(status, object().put("error", message));
  }
}
