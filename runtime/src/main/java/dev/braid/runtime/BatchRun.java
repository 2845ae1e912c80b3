package dev.braid.runtime;

import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
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
 * Inputs are pulled on the thread that starts and iterates the batch — when it starts and after
 * each result taken. A failed run is reported in its {@link BatchResult} and the others go on,
 * unless the batch was started to stop on the first failure: then the runs still in progress are
 * cancelled, no input is pulled, and iteration ends after the results already completed and the
 * failure itself. If the inputs' iterator throws (or a run throws an {@link Error}), the next
 * take throws that and the batch is closed. {@link #close()} cancels the runs still in progress
 * and returns once their threads have ended.
 *
 * <p>Iterate from one thread; {@link #close()} may be called from any. The batch can be iterated
 * once, by {@link #iterator()} or by {@link #stream()}.
 *
 * @param <I> the input type
 * @param <O> the pipeline's output type
 */
public final class BatchRun<I, O extends @Nullable Object>
    implements Iterable<BatchResult<I, O>>, AutoCloseable {
  private final Batch<I, O> batch;
  private final AtomicBoolean iterated = new AtomicBoolean();

  private BatchRun(Batch<I, O> batch) {
    this.batch = batch;
  }

  /**
   * Starts a batch: pulls up to {@code maxInFlight} inputs and starts their runs.
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
    return start(inputs, maxInFlight, stopOnFailure, run, UnaryOperator.identity());
  }

  /**
   * Starts a batch whose runs' threads do what {@code launch} makes of their work. A pipeline's
   * engine passes one that counts each run as started on a test's virtual time source from the
   * moment the batch launches it, so that time cannot move on before the run's first step.
   *
   * @param launch called on the thread starting a run's thread, just before it starts, with what
   *     that thread will do; returns what it does instead, which must do that work. It must return
   *     quickly and must not call the batch.
   * @throws IllegalArgumentException if {@code maxInFlight} is below 1
   */
  public static <I, O extends @Nullable Object> BatchRun<I, O> start(
      Iterable<? extends I> inputs,
      int maxInFlight,
      boolean stopOnFailure,
      Function<? super I, PipelineResult<O>> run,
      UnaryOperator<Runnable> launch) {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(launch, "launch");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(
          "BatchRun.maxInFlight must be 1 or more, was " + maxInFlight);
    }
    return new BatchRun<>(Batch.start(inputs, maxInFlight, stopOnFailure, run, launch));
  }

  /**
   * The results in completion order; the batch can be iterated once.
   *
   * @throws IllegalStateException if the batch was already iterated or streamed
   */
  @Override
  public Iterator<BatchResult<I, O>> iterator() {
    if (!iterated.compareAndSet(false, true)) {
      throw new IllegalStateException("A BatchRun can be iterated once; it already was");
    }
    return batch;
  }

  /** The results in completion order, as a stream; closing the stream closes the batch. */
  public Stream<BatchResult<I, O>> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** Cancels the runs in progress, starts no more, and returns once their threads have ended. */
  @Override
  public void close() {
    batch.close();
  }
}
