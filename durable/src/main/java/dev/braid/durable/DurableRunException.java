package dev.braid.durable;

/**
 * A durable run ended without a result to read: it failed or was cancelled. The stored run says
 * which, and its {@link StoredRun#error()} says why, naming the pipeline, the step and its
 * exception as the worker recorded them.
 */
public final class DurableRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient StoredRun run;

  public DurableRunException(StoredRun run) {
    super("Durable run " + run.id() + " of pipeline '" + run.pipeline() + "' ended "
        + run.status() + (run.error() != null ? ": " + run.error() : ""));
    this.run = run;
  }

  /** The run as stored when it was read. */
  public StoredRun run() {
    return run;
  }
}
