package dev.braid.durable;

/**
 * Thrown by {@link DurableRuns#submit} under {@link WhenNoWorker#REJECT} when no live worker runs
 * the run's pipeline; nothing was stored.
 */
public final class NoWorkerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoWorkerException(String message) {
    super(message);
  }
}
