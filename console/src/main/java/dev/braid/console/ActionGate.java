package dev.braid.console;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides whether a request may answer or cancel a run: actions must be enabled, the caller
 * authenticated by the host application or holding the console's token, and the request must
 * carry the anti-forgery token that only a page of the console's own origin can read (from {@code
 * GET api/session}), from a matching {@code Origin} if the browser sends one. Immutable.
 */
final class ActionGate {
  static final String CSRF_HEADER = "X-Braid-Csrf";
  static final String TOKEN_HEADER = "X-Braid-Token";

  private final boolean enabled;
  private final @Nullable String token;
  private final String csrf;

  ActionGate(boolean enabled, @Nullable String token) {
    this.enabled = enabled;
    this.token = token;
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    this.csrf = HexFormat.of().formatHex(random);
  }

  /** What the pages need to know to offer actions, and the anti-forgery token to send. */
  ObjectNode session(ConsoleRequest request) {
    return Json.object()
        .put("actions", enabled)
        .put("authenticated", request.authenticated())
        .put("tokenAccepted", token != null)
        .put("csrf", csrf);
  }

  /** Why {@code request} may not act, as the response to send; empty if it may. */
  Optional<ConsoleResponse> refuse(ConsoleRequest request) {
    if (!enabled) {
      return Optional.of(Json.problem(403, "This console is read-only: answering and cancelling"
          + " runs are disabled. Enable them with braid.console.actions-enabled=true in the"
          + " application, or --actions when the console runs on its own."));
    }
    if (!matches(csrf, request.header(CSRF_HEADER))) {
      return Optional.of(Json.problem(403, "The request did not carry this console's"
          + " anti-forgery token (header " + CSRF_HEADER + "); reload the page and try again."));
    }
    String origin = request.header("Origin");
    String host = request.header("Host");
    if (origin != null && host != null && !origin.equals("null") && !host.equals(hostOf(origin))) {
      return Optional.of(Json.problem(403, "The request came from a page of " + origin
          + ", not of this console (" + host + "); actions are only taken from the console's own"
          + " pages."));
    }
    if (!request.authenticated() && (token == null || !matches(token,
        request.header(TOKEN_HEADER)))) {
      return Optional.of(Json.problem(401, token == null
          ? "Answering and cancelling need you to be signed in to the application; this console"
              + " has no token for callers who are not (braid.console.token, or"
              + " BRAID_CONSOLE_TOKEN)."
          : "Answering and cancelling need you to be signed in to the application, or the"
              + " console's token; enter it at the top of the page."));
    }
    return Optional.empty();
  }

  private static @Nullable String hostOf(String origin) {
    try {
      URI uri = URI.create(origin);
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Compares in constant time, so that timing tells nothing of the secret. */
  private static boolean matches(String secret, @Nullable String given) {
    return given != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }
}
