package dev.braid.durable.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 that stands between a client and a server on this machine and can
 * be cut: {@link #cut()} closes every connection through it and resets each new one as soon as it
 * is accepted, as when the database's host restarts or a load balancer in front of it finds no
 * database; {@link #restore()} forwards again. It keeps listening on its port while cut, so that no
 * other socket can take the port before it is restored. Thread-safe.
 */
final class CuttableProxy implements AutoCloseable {
  private final int target;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  /** Guarded by this. */
  private boolean cut;

  /** Forwards a new port to {@code target} on this machine. */
  CuttableProxy(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("proxy " + port()).start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Closes every connection through the proxy and resets new ones until {@link #restore()}. */
  synchronized void cut() {
    cut = true;
    open.forEach(CuttableProxy::closeQuietly);
    open.clear();
  }

  /** Forwards new connections again. */
  synchronized void restore() {
    cut = false;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    cut();
  }

  private void accept() {
    while (true) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread.ofVirtual().start(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
    } catch (IOException e) {
      reset(client);
      return;
    }
    if (!track(client, upstream)) {
      return;
    }
    Thread.ofVirtual().start(() -> pump(client, upstream));
    pump(upstream, client);
  }

  /** Registers a connection, or resets it if the proxy is cut. */
  private synchronized boolean track(Socket client, Socket upstream) {
    if (cut) {
      reset(client);
      closeQuietly(upstream);
      return false;
    }
    open.add(client);
    open.add(upstream);
    return true;
  }

  /** Copies one direction until either side ends, then closes both sides. */
  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[16 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // A side closed, or the proxy was cut.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  /** Closes {@code socket} with a TCP reset rather than an orderly end. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // Closing anyway.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
