package dev.braid.spring.boot.autoconfigure;

import dev.braid.console.BraidConsole;
import dev.braid.console.ConsoleRequest;
import dev.braid.console.ConsoleResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Hands the requests under {@code /braid} to the {@link BraidConsole}. A caller with a principal
 * (as Spring Security sets it) counts as authenticated. Only loopback callers are answered unless
 * remote ones are allowed.
 */
final class ConsoleServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  /** Bodies larger than this are refused: an answer is a few kilobytes of JSON. */
  private static final int LARGEST_BODY = 1 << 20;

  private final transient BraidConsole console;
  private final boolean allowRemote;

  ConsoleServlet(BraidConsole console, boolean allowRemote) {
    this.console = console;
    this.allowRemote = allowRemote;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!allowRemote && !isLoopback(request.getRemoteAddr())) {
      response.sendError(403, "The Braid console answers callers on this host only; set "
          + ConsoleProperties.PREFIX + ".allow-remote=true to open it to others.");
      return;
    }
    String path = request.getPathInfo();
    if (path == null) {
      // The pages link to their assets relatively, from /braid/.
      response.setStatus(308);
      response.setHeader("Location", request.getRequestURI() + "/");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(LARGEST_BODY + 1);
    if (body.length > LARGEST_BODY) {
      response.sendError(413, "The request's body is larger than 1 MiB.");
      return;
    }
    Map<String, String> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
    }
    Map<String, String> query = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> {
      if (values.length > 0) {
        query.put(name, values[0]);
      }
    });
    ConsoleResponse answer = console.handle(new ConsoleRequest(request.getMethod(), path, query,
        headers, new String(body, StandardCharsets.UTF_8), request.getUserPrincipal() != null));
    response.setStatus(answer.status());
    response.setContentType(answer.contentType());
    answer.headers().forEach(response::setHeader);
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.ofLiteral(address).isLoopbackAddress();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
