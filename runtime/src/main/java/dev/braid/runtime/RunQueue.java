package dev.braid.runtime;

import org.jspecify.annotations.Nullable;

/**
 * Somewhere a run can be handed to, to be run later and elsewhere: a durable queue that workers
 * drain. A generated executor's {@code submit(queue, inputs…)} calls it, so the executor stays free
 * of any storage library. Implementations must have stored the run when {@code submit} returns.
 */
@FunctionalInterface
public interface RunQueue {
  /**
   * Queues one run of {@code pipeline} with {@code inputs}, in the order of the pipeline's
   * inputs, and returns its id.
   *
   * @throws IllegalArgumentException if the inputs do not match the pipeline's
   */
  String submit(PipelineDefinition<?> pipeline, @Nullable Object... inputs);
}
