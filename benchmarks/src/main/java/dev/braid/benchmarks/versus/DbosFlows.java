package dev.braid.benchmarks.versus;

/**
 * The DBOS workflows of the comparison, registered with {@code DBOS.registerProxy}: the same work
 * as {@link BraidPipelines}, in DBOS's own idiom. Public because DBOS builds a proxy of it.
 */
public interface DbosFlows {
  /** The class name DBOS stores with each workflow, which a client names to enqueue one. */
  String CLASS_NAME = DbosFlowsImpl.class.getName();
  /** The queue runs are drained from, as a Braid worker drains its queue. */
  String QUEUE = "versus";
  /** One application version on every side, so that each worker takes every queued run. */
  String APP_VERSION = "versus-1";

  /** Ten steps in a row, each its predecessor's output plus one, as {@link BraidPipelines#chain}. */
  int chain(int start);

  /**
   * A root step, eight child workflows of one step each started at once, and a last step that sums
   * their outputs, as {@link BraidPipelines#fanOut}: a DBOS workflow runs its own steps one at a
   * time, so parallel durable work is child workflows.
   */
  int fanOut(int start);

  /** One branch of {@link #fanOut}: a step that waits and returns {@code value}. */
  int branch(int value);
}
