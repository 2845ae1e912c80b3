package dev.braid.samples.ticket;

import dev.braid.runtime.progress.ProgressLine.Rendering;
import java.io.PrintStream;

/**
 * Shows a run's progress until the streamed reply starts, after which progress is no longer
 * shown: on a terminal, on one line rewritten in place ({@code \r}) and blanked when the reply
 * starts; elsewhere, such as in a log file, one line after another. Thread-safe.
 */
final class LiveLine {
  private final PrintStream out;
  private final Rendering rendering;
  private int width;
  private boolean done;

  LiveLine(PrintStream out, Rendering rendering) {
    this.out = out;
    this.rendering = rendering;
  }

  /** Shows {@code text}, unless the reply has started. */
  synchronized void show(String text) {
    if (done) {
      return;
    }
    if (rendering == Rendering.LINE_BY_LINE) {
      out.println(text);
    } else {
      out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
      width = text.length();
    }
    out.flush();
  }

  /**
   * Stops showing progress; on a terminal, blanks the line so that what follows starts at its
   * beginning.
   */
  synchronized void clear() {
    if (!done && width > 0) {
      out.print("\r" + " ".repeat(width) + "\r");
      out.flush();
    }
    done = true;
  }
}
