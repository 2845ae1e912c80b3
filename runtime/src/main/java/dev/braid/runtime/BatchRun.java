package dev.braid.runtime;

import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Many runs of one pipeline with at most {@code maxInFlight} in progress at once, handed back as
 * they complete. Generated executors start one with {@code executeAll(inputs, maxInFlight)}.
 *
 * <pre>{@code
 * try (BatchRun<Ticket, Reply> batch = executor.executeAll(tickets, 8)) {
 *   for (BatchResult<Ticket, Reply> done : batch) {
 *     done.result().ifPresentOrElse(r -> store(done.input(), r), () -> retryLater(done.input()));
 *   }
 * }
 * }</pre>
 *
 * <p>Inputs are read lazily and never more than the bound ahead of the consumer: runs in progress
 * plus results not yet taken never exceed {@code maxInFlight}, so a slow consumer slows the batch.
 * A failed run is reported in its {@link BatchResult} and the others go on, unless the batch was
 * started to stop on the first failure. {@link #close()} cancels the runs still in progress and
 * returns once their threads have ended. Iterate from one thread.
 *
 * @param <I> the input type
 * @param <O> the pipeline's output type
 */
public final class BatchRun<I, O extends @Nullable Object>
    implements Iterable<BatchResult<I, O>>, AutoCloseable {

  /**
   * Starts a batch.
   *
   * @param run runs the pipeline once for an input, on a thread of the batch's own
   * @param stopOnFailure whether the first failed run cancels the others and ends the batch
   * @throws IllegalArgumentException if {@code maxInFlight} is below 1
   */
  public static <I, O extends @Nullable Object> BatchRun<I, O> start(
      Iterable<? extends I> inputs,
      int maxInFlight,
      boolean stopOnFailure,
      Function<? super I, PipelineResult<O>> run) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The results in completion order; the batch can be iterated once. */
  @Override
  public Iterator<BatchResult<I, O>> iterator() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The results in completion order, as a stream; closing the stream closes the batch. */
  public Stream<BatchResult<I, O>> stream() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Cancels the runs in progress, starts no more, and returns once their threads have ended. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
