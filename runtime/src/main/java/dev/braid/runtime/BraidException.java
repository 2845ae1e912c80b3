package dev.braid.runtime;

import org.jspecify.annotations.Nullable;

/** The root of the exceptions a pipeline run throws. */
public abstract class BraidException extends RuntimeException {
  private final String pipelineName;

  protected BraidException(String pipelineName, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.pipelineName = pipelineName;
  }

  /** The pipeline whose run failed. */
  public String pipelineName() {
    return pipelineName;
  }
}
