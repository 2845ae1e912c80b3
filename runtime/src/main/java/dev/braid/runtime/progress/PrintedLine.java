package dev.braid.runtime.progress;

import dev.braid.runtime.progress.ProgressLine.Rendering;
import java.io.PrintStream;

/**
 * Prints progress lines: in place, each padded to blank out a longer one before it and ended
 * with a line break when its run ends; or one line after another, with no carriage return.
 * Thread-safe.
 */
final class PrintedLine {
  private final PrintStream out;
  private final Rendering rendering;
  private int width;

  PrintedLine(PrintStream out, Rendering rendering) {
    this.out = out;
    this.rendering = rendering;
  }

  synchronized void show(String line) {
    if (rendering == Rendering.LINE_BY_LINE) {
      out.println(line);
    } else {
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
    }
    out.flush();
  }

  /** Ends the line being rewritten, so that what is printed next starts on a line of its own. */
  synchronized void end() {
    if (rendering == Rendering.IN_PLACE && width > 0) {
      out.println();
      out.flush();
      width = 0;
    }
  }
}
