package dev.braid.benchmarks.versus;

/**
 * Splits the bytes one PostgreSQL client sends into protocol messages and counts its statements
 * and round trips into {@link WireCountingSocketFactory.Counts}. Until the startup message, a
 * message is a length and a code with no type byte (an SSL or GSS encryption request may come
 * first); after it, a type byte and a length. One connection's thread uses it at a time, as pgjdbc
 * does; the totals it adds to are shared.
 */
final class MessageCounter {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;
  private static final byte EXECUTE = 'E';
  private static final byte QUERY = 'Q';

  private final WireCountingSocketFactory.Counts counts;
  private final byte[] header = new byte[8];
  private int headerFill;
  private long bodyLeft;
  private boolean started;
  /** Written by the thread that writes and by the one that reads, which may differ. */
  private volatile boolean sentSinceRead;

  MessageCounter(WireCountingSocketFactory.Counts counts) {
    this.counts = counts;
  }

  /** Counts the bytes about to be written. */
  void sent(byte[] bytes, int offset, int length) {
    if (length > 0 && !sentSinceRead) {
      sentSinceRead = true;
      counts.roundTrip();
    }
    int i = offset;
    int end = offset + length;
    while (i < end) {
      if (bodyLeft > 0) {
        int skipped = (int) Math.min(bodyLeft, end - i);
        bodyLeft -= skipped;
        i += skipped;
        continue;
      }
      header[headerFill++] = bytes[i++];
      if (headerFill == (started ? 5 : 8)) {
        headerFill = 0;
        if (started) {
          byte type = header[0];
          if (type == EXECUTE || type == QUERY) {
            counts.statement();
          }
          bodyLeft = readInt(1) - 4L;
        } else {
          int code = readInt(4);
          started = code != SSL_REQUEST && code != GSS_REQUEST;
          bodyLeft = readInt(0) - 8L;
        }
      }
    }
  }

  /** Notes that {@code bytes} were read: the next write starts a new round trip. */
  void received(int bytes) {
    if (bytes > 0) {
      sentSinceRead = false;
    }
  }

  private int readInt(int at) {
    return (header[at] & 0xff) << 24 | (header[at + 1] & 0xff) << 16
        | (header[at + 2] & 0xff) << 8 | header[at + 3] & 0xff;
  }
}
