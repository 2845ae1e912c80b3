package dev.braid.durable;

/** Where a durable run stands. The terminal ones never change again. */
public enum RunStatus {
  /** Stored and waiting for a worker, possibly until its {@code notBefore}. */
  QUEUED,
  /** Claimed by a worker that holds its lease. */
  RUNNING,
  /** Ran to its end; its result holds the output step's value as JSON. */
  SUCCEEDED,
  /** A step returned an incomplete {@code ConversationState}; its error says where and why. */
  STOPPED_EARLY,
  /** A step failed, the run could not be read back, or it ran out of attempts. */
  FAILED,
  /** Cancelled before it started, or stopped by {@link DurableRuns#cancel} while it ran. */
  CANCELLED;

  /** Whether the run has ended for good. */
  public boolean isTerminal() {
    return this != QUEUED && this != RUNNING;
  }
}
