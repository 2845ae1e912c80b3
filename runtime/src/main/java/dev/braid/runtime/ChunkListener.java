package dev.braid.runtime;

/**
 * Receives what steps stream while a run goes on (see {@link RunOptions.Builder#onChunk}).
 *
 * <p>Braid calls it on the streaming step's thread, one chunk at a time per run, in the order
 * each step emitted them. Nothing is queued: while the listener works, the step that emitted the
 * chunk waits, and so does any other step that emits meanwhile. That is the back-pressure: a slow
 * consumer slows the producers down. A listener that throws fails the step that emitted the chunk.
 */
@FunctionalInterface
public interface ChunkListener {

  /**
   * Takes one chunk.
   *
   * @throws InterruptedException if the listener is interrupted while it waits, for example
   *     because the run stopped
   */
  void onChunk(StreamChunk chunk) throws InterruptedException;
}
