package dev.braid.durable;

import org.jspecify.annotations.Nullable;

/**
 * A stored step checkpoint, or a run's stored inputs, could not be read back as the type the
 * {@link DurablePipeline} declares. The run fails with this message rather than running the step
 * again with a guessed value.
 */
public final class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
