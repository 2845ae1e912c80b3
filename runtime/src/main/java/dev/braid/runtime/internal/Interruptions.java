package dev.braid.runtime.internal;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/** Tells a step that ended because the run interrupted it from one that failed on its own. */
final class Interruptions {
  private static final int MAX_CAUSES = 16;

  private Interruptions() {}

  /**
   * Whether the current thread was interrupted or {@code failure}'s cause chain holds an exception
   * that blocking calls throw on interruption. Call it on the thread that ran the step.
   */
  static boolean causedBy(Throwable failure) {
    return Thread.currentThread().isInterrupted() || inCauses(failure);
  }

  /**
   * Whether {@code failure}'s cause chain holds an exception that blocking calls throw on
   * interruption. A {@link SocketTimeoutException} is an {@link InterruptedIOException} only by
   * inheritance: it is a read that timed out, and is retried.
   */
  static boolean inCauses(Throwable failure) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
      if (current instanceof InterruptedException
          || current instanceof InterruptedIOException && !(current instanceof SocketTimeoutException)
          || current instanceof ClosedByInterruptException) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }
}
