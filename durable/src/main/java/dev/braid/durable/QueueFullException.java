package dev.braid.durable;

/**
 * A run was not submitted because the queue held {@link QueueLimit#maxQueued()} runs already, and
 * stayed full for as long as the limit lets a submit wait. Nothing was stored: submit it again
 * later, start more workers, or raise the limit.
 */
public final class QueueFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueFullException(String message) {
    super(message);
  }
}
