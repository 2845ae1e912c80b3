package dev.braid.console;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The console's answer to one request, for an adapter to write back.
 *
 * @param status the HTTP status
 * @param contentType the value of {@code Content-Type}
 * @param headers further headers: caching and the pages' content security policy
 * @param body the bytes of the body
 */
public record ConsoleResponse(int status, String contentType, Map<String, String> headers,
    byte[] body) {

  public ConsoleResponse {
    Objects.requireNonNull(contentType, "contentType");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** The body as text, for tests and logs. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
