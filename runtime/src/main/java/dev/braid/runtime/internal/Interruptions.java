package dev.braid.runtime.internal;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/** Tells a step that ended because the run interrupted it from one that failed on its own. */
final class Interruptions {
  private static final int MAX_CAUSES = 16;

  private Interruptions() {}

  /**
   * Whether the current thread was interrupted or {@code failure}'s cause chain holds an exception
   * that blocking calls throw on interruption.
   */
  static boolean causedBy(Throwable failure) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    Throwable current = failure;
    for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
      if (current instanceof InterruptedException
          || current instanceof InterruptedIOException
          || current instanceof ClosedByInterruptException) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }
}
