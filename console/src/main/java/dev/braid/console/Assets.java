package dev.braid.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pages, script and style sheet, read from this jar: nothing is fetched from elsewhere, so the
 * console works without a network. Every page is sent with a content security policy that lets it
 * load only the console's own files.
 */
final class Assets {
  private static final String ROOT = "/dev/braid/console/assets/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");
  private static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none';"
          + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "Cache-Control", "no-cache");

  private Assets() {}

  /** The file {@code name}, or empty if the console has no such file. */
  static Optional<ConsoleResponse> find(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    try (InputStream in = Assets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return Optional.empty();
      }
      String extension = name.substring(name.lastIndexOf('.') + 1);
      return Optional.of(new ConsoleResponse(200, TYPES.get(extension), HEADERS,
          in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the console's file " + name, e);
    }
  }

  static ConsoleResponse notFound(String path) {
    return new ConsoleResponse(404, "text/plain; charset=utf-8", HEADERS,
        ("The console has no page " + path).getBytes(StandardCharsets.UTF_8));
  }
}
