package dev.braid.durable.internal;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The stack trace a failed run keeps, with its causes, cut to a size a row can hold. */
final class ErrorTrace {
  /** Longer traces are cut: the top frames and the causes' first lines say what happened. */
  static final int LONGEST = 32 * 1024;

  private ErrorTrace() {}

  static String of(Throwable thrown) {
    return of(thrown, LONGEST);
  }

  /** The stack trace of {@code thrown}, cut after {@code longest} characters. */
  static String of(Throwable thrown, int longest) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    String trace = text.toString();
    return trace.length() <= longest ? trace
        : trace.substring(0, longest) + "\n\t... cut at " + longest + " characters";
  }
}
