package dev.braid.samples.ticket;

import java.io.PrintStream;

/**
 * Shows a run's progress on one line that is rewritten in place ({@code \r}) until the streamed
 * reply starts, after which progress is no longer shown. Thread-safe.
 */
final class LiveLine {
  private final PrintStream out;
  private int width;
  private boolean done;

  LiveLine(PrintStream out) {
    this.out = out;
  }

  /** Rewrites the line with {@code text}, unless the reply has started. */
  synchronized void show(String text) {
    if (done) {
      return;
    }
    out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
    out.flush();
    width = text.length();
  }

  /** Blanks the line for good, so that what follows starts at its beginning. */
  synchronized void clear() {
    if (!done && width > 0) {
      out.print("\r" + " ".repeat(width) + "\r");
      out.flush();
    }
    done = true;
  }
}
