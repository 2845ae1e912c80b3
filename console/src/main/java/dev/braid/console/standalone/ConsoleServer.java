package dev.braid.console.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.braid.console.BraidConsole;
import dev.braid.console.ConsoleRequest;
import dev.braid.console.ConsoleResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a {@link BraidConsole} at the root of the JDK's HTTP server, one virtual thread per
 * request. Callers are never {@linkplain ConsoleRequest#authenticated() authenticated}: actions
 * need the console's token. Closing it stops the server and waits for the requests in flight.
 */
public final class ConsoleServer implements AutoCloseable {
  /** Bodies larger than this are refused: an answer is a few kilobytes of JSON. */
  private static final int LARGEST_BODY = 1 << 20;

  private final HttpServer server;
  private final ExecutorService threads;

  private ConsoleServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Starts serving {@code console} on {@code host}:{@code port}; port 0 picks a free one. */
  public static ConsoleServer start(BraidConsole console, String host, int port)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(threads);
    server.createContext("/", exchange -> serve(console, exchange));
    server.start();
    return new ConsoleServer(server, threads);
  }

  /** The address it listens on, with the port it was given. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void serve(BraidConsole console, HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(LARGEST_BODY + 1);
      }
      ConsoleResponse response = body.length > LARGEST_BODY
          ? new ConsoleResponse(413, "text/plain; charset=utf-8", Map.of(),
              "The request's body is larger than 1 MiB.".getBytes(StandardCharsets.UTF_8))
          : console.handle(request(exchange, new String(body, StandardCharsets.UTF_8)));
      response.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
      if (!head) {
        exchange.getResponseBody().write(response.body());
      }
    }
  }

  private static ConsoleRequest request(HttpExchange exchange, String body) {
    URI uri = exchange.getRequestURI();
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!values.isEmpty()) {
        headers.put(name.toLowerCase(Locale.ROOT), values.getFirst());
      }
    });
    return new ConsoleRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        uri.getPath(), query(uri.getRawQuery()), headers, body, false);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      List<String> parts = List.of(pair.split("=", 2));
      query.putIfAbsent(URLDecoder.decode(parts.getFirst(), StandardCharsets.UTF_8),
          parts.size() > 1 ? URLDecoder.decode(parts.get(1), StandardCharsets.UTF_8) : "");
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(1);
    threads.close();
  }
}
