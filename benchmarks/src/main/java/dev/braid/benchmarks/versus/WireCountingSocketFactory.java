package dev.braid.benchmarks.versus;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The socket factory pgjdbc loads by name ({@code socketFactory=…&socketFactoryArg=tag} in the JDBC
 * URL) so that every connection of one contender is counted under its tag, whoever opened it: the
 * pool, a listener for notifications, or a library's own {@code DriverManager} call.
 *
 * <p>It counts what the client sends, read from the PostgreSQL wire protocol rather than guessed
 * from JDBC calls: a <em>statement</em> is an Execute or a simple Query message (so {@code BEGIN}
 * and {@code COMMIT} count, and each statement of a batch counts once), and a <em>round trip</em>
 * is a burst of writes that follows a read (or opens the connection), which is how a client waits
 * for the server. Notifications the server pushes are reads and count nothing. Public, with a
 * public constructor, because pgjdbc instantiates it reflectively; thread-safe.
 */
public final class WireCountingSocketFactory extends SocketFactory {
  private static final Map<String, Counts> COUNTS = new ConcurrentHashMap<>();

  private final Counts counts;

  /** Called by pgjdbc with the URL's {@code socketFactoryArg}. */
  public WireCountingSocketFactory(String tag) {
    this.counts = counts(tag);
  }

  /** The running totals of everything sent on connections tagged {@code tag}. */
  static Counts counts(String tag) {
    return COUNTS.computeIfAbsent(tag, unused -> new Counts());
  }

  @Override
  public Socket createSocket() {
    return new CountingSocket(counts);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port));
  }

  private Socket connected(InetSocketAddress address) throws IOException {
    Socket socket = createSocket();
    socket.connect(address);
    return socket;
  }

  /** Totals across connections; a snapshot of them is a {@link Wire}. */
  static final class Counts {
    private final LongAdder statements = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();

    void statement() {
      statements.increment();
    }

    void roundTrip() {
      roundTrips.increment();
    }

    Wire snapshot() {
      return new Wire(statements.sum(), roundTrips.sum());
    }
  }

  /** Statements and round trips sent, at one moment or between two. */
  record Wire(long statements, long roundTrips) {
    Wire minus(Wire earlier) {
      return new Wire(statements - earlier.statements, roundTrips - earlier.roundTrips);
    }

    Wire plus(Wire other) {
      return new Wire(statements + other.statements, roundTrips + other.roundTrips);
    }
  }

  /** A plain TCP socket whose streams feed one {@link MessageCounter}. */
  private static final class CountingSocket extends Socket {
    private final MessageCounter counter;
    private @Nullable InputStream input;
    private @Nullable OutputStream output;

    CountingSocket(Counts counts) {
      this.counter = new MessageCounter(counts);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      InputStream stream = input;
      if (stream == null) {
        stream = new FilterInputStream(super.getInputStream()) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            counter.received(b < 0 ? 0 : 1);
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            counter.received(n);
            return n;
          }
        };
        input = stream;
      }
      return stream;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      OutputStream stream = output;
      if (stream == null) {
        stream = new FilterOutputStream(super.getOutputStream()) {
          @Override
          public void write(int b) throws IOException {
            counter.sent(new byte[] {(byte) b}, 0, 1);
            out.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            counter.sent(b, off, len);
            out.write(b, off, len);
          }
        };
        output = stream;
      }
      return stream;
    }
  }
}
