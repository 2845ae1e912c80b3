package dev.braid.console;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to the console, as an adapter hands it over.
 *
 * @param method the HTTP method, upper case
 * @param path the path below the console's mount point, starting with {@code /} ({@code /} for the
 *     runs list, {@code /api/runs} for its data)
 * @param query the query parameters, the first value of each
 * @param headers the request's headers, the first value of each, by lower-case name
 * @param body the request's body, empty if it has none
 * @param authenticated whether the host application authenticated the caller: what actions need
 *     when the console has no token
 */
public record ConsoleRequest(String method, String path, Map<String, String> query,
    Map<String, String> headers, String body, boolean authenticated) {

  public ConsoleRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** A {@code GET} without headers, as a test or a link sends it. */
  public static ConsoleRequest get(String path, Map<String, String> query) {
    return new ConsoleRequest("GET", path, query, Map.of(), "", false);
  }

  /** The header {@code name}, whatever its case, or null. */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
