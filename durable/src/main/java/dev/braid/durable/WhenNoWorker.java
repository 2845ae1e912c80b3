package dev.braid.durable;

/**
 * What {@link DurableRuns#submit} does with a run of a pipeline that no live worker runs: no
 * {@link Worker} started with that pipeline has shown it is alive within its lease. Such a run
 * would wait in the queue until one starts.
 */
public enum WhenNoWorker {
  /**
   * Queues the run, logs a warning, and marks it with the notice "no worker runs pipeline X" in
   * {@link StoredRun#notice()}, until a worker claims it. The default: workers may start later.
   */
  WARN,
  /** Stores nothing and throws {@link NoWorkerException}. */
  REJECT
}
