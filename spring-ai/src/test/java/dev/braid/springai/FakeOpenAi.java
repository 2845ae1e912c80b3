package dev.braid.springai;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible chat completions server on 127.0.0.1, for tests that drive Spring AI's
 * real OpenAI client (the OpenAI Java SDK on OkHttp). Each request takes the next queued {@link
 * Reply}. It speaks plain HTTP/1.1 on raw sockets and closes every connection after its reply, so
 * that a test can see exactly when the client gives up a connection: a {@linkplain #hang()
 * hanging} reply waits for the client to close or reset it and counts down {@link
 * #awaitClientClosed}.
 */
final class FakeOpenAi implements AutoCloseable {

  /**
   * What the server answers to one request.
   *
   * @param holdsOpen whether the connection stays open after {@code body} is written, until the
   *     client ends it
   */
  record Reply(Body body, boolean holdsOpen) {}

  @FunctionalInterface
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> handlers = new CopyOnWriteArrayList<>();
  private final CountDownLatch clientClosed = new CountDownLatch(1);
  private volatile boolean closing;

  FakeOpenAi() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofPlatform().name("fake-openai-accept").start(this::acceptAll);
  }

  /** The base URL to give {@code OpenAiChatOptions.builder().baseUrl(...)}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  FakeOpenAi enqueue(Reply... next) {
    replies.addAll(List.of(next));
    return this;
  }

  /** The bodies of the requests received so far, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** Waits until the server has read {@code count} requests, at most 20 seconds. */
  void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    synchronized (requests) {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("The server received " + requests.size() + " of " + count
              + " requests");
        }
        TimeUnit.NANOSECONDS.timedWait(requests, left);
      }
    }
  }

  /** Waits until the client closed or reset a connection that a hanging reply held open. */
  boolean awaitClientClosed(Duration timeout) throws InterruptedException {
    return clientClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  static Reply completion(String text, int promptTokens, int cachedTokens, int completionTokens) {
    return json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":" + quote(text) + "},\"finish_reason\":\"stop\"}],"
        + usage(promptTokens, cachedTokens, completionTokens) + "}");
  }

  static Reply error(int status, String type, String message) {
    return json(status, "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type)
        + "}}");
  }

  static Reply json(int status, String body) {
    return new Reply(out -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(("HTTP/1.1 " + status + " " + reason(status) + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + bytes.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
    }, false);
  }

  /** Reads the request, then answers nothing until the client gives the connection up. */
  static Reply hang() {
    return new Reply(out -> {}, true);
  }

  /** Streams {@code chunks} as server-sent events, then the usage and {@code [DONE]}. */
  static Reply stream(List<String> chunks, int promptTokens, int completionTokens) {
    return stream(chunks, promptTokens, 0, completionTokens);
  }

  /** Streams {@code chunks}, then a usage with {@code cachedTokens} of the prompt's, and [DONE]. */
  static Reply stream(List<String> chunks, int promptTokens, int cachedTokens, int completionTokens) {
    return new Reply(out -> {
      startEvents(out);
      for (String chunk : chunks) {
        event(out, delta("{\"content\":" + quote(chunk) + "}", "null"));
      }
      event(out, delta("{}", "\"stop\""));
      event(out, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[],"
          + usage(promptTokens, cachedTokens, completionTokens) + "}");
      event(out, "[DONE]");
    }, false);
  }

  /** Streams each of {@code data} as one server-sent event, as is, then ends the stream. */
  static Reply events(String... data) {
    return new Reply(out -> {
      startEvents(out);
      for (String event : data) {
        event(out, event);
      }
    }, false);
  }

  /** Streams {@code chunks}, then holds the stream open, sending nothing more. */
  static Reply streamThenHang(List<String> chunks) {
    return new Reply(out -> {
      startEvents(out);
      for (String chunk : chunks) {
        event(out, delta("{\"content\":" + quote(chunk) + "}", "null"));
      }
    }, true);
  }

  /** Closes the server and every connection, and waits for their threads to end. */
  @Override
  public void close() throws IOException {
    closing = true;
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    try {
      acceptor.join();
      for (Thread handler : handlers) {
        handler.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        handlers.add(Thread.ofVirtual().name("fake-openai").start(() -> serve(socket)));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      String request = readRequest(in);
      synchronized (requests) {
        requests.add(request);
        requests.notifyAll();
      }
      Reply reply = replies.poll();
      if (reply == null) {
        reply = error(500, "test_error", "the test queued no reply for this request");
      }
      reply.body().write(out);
      out.flush();
      if (reply.holdsOpen()) {
        awaitEnd(in);
      }
    } catch (IOException e) {
      // The connection ended; a test that cares asserts on what the client saw.
    }
  }

  /** Blocks until the client closes or resets the connection, and records that it did. */
  private void awaitEnd(InputStream in) {
    try {
      while (in.read() >= 0) {
        // The client sends nothing more on an answered request; ignore it if it does.
      }
    } catch (IOException reset) {
      // A reset ends the connection as surely as a close.
    }
    if (!closing) {
      clientClosed.countDown();
    }
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed the connection before its request ended");
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void startEvents(OutputStream out) throws IOException {
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String delta(String delta, String finishReason) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"finish_reason\":" + finishReason + "}]}";
  }

  private static String usage(int promptTokens, int cachedTokens, int completionTokens) {
    return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
        + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens)
        + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}}";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }
}
