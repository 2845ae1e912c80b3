package dev.braid.runtime;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A run in progress whose streamed chunks the caller reads as they come, then its result.
 *
 * <pre>{@code
 * try (RunStream<Reply> stream = executor.stream(ticket)) {
 *   for (StreamChunk chunk : stream) {
 *     System.out.print(chunk.text());
 *   }
 *   PipelineResult<Reply> result = stream.result();
 * }
 * }</pre>
 *
 * <p>Chunks wait in a buffer of bounded size (256 unless {@link RunOptions.Builder#streamBuffer}
 * says otherwise); when it is full, the steps that stream wait for the reader. A reader that stops
 * reading therefore holds the streaming steps until it reads on, closes the stream, or their
 * timeouts or the run's deadline fire. Iterating ends once the run has ended and every chunk was
 * read. Iterate from one thread at a time.
 *
 * @param <O> the pipeline's output type
 */
public interface RunStream<O extends @Nullable Object>
    extends Iterable<StreamChunk>, AutoCloseable {

  /**
   * The chunks, in the order steps emitted them; {@code hasNext()} blocks until a chunk comes or
   * the run ends. If the reading thread is interrupted, iteration ends with the interrupt set and
   * the run cancelled. Iterable once.
   */
  @Override
  Iterator<StreamChunk> iterator();

  /**
   * Waits for the run and returns its result, or throws what {@code execute} would have: a
   * {@link BraidException} with the partial result.
   *
   * @throws RunCancelledException also if the waiting thread is interrupted, after cancelling the
   *     run
   */
  PipelineResult<O> result();

  /** The run's result as a future, completed as {@code executeAsync}'s would be. */
  CompletableFuture<PipelineResult<O>> future();

  /**
   * Cancels the run if it has not ended, drops unread chunks, and waits until the run's threads
   * have ended. Idempotent.
   */
  @Override
  void close();
}
