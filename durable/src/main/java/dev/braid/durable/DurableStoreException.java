package dev.braid.durable;

/** The database of durable runs could not be read or written; the cause is the driver's error. */
public final class DurableStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DurableStoreException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
