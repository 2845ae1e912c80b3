package dev.braid.runtime;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The end of one run of a {@link BatchRun}: the input it ran with, and either its result or what it
 * threw. Immutable.
 *
 * @param <I> the input type
 * @param <O> the pipeline's output type
 */
public final class BatchResult<I, O extends @Nullable Object> {
  private final I input;
  private final @Nullable PipelineResult<O> result;
  private final @Nullable RuntimeException failure;

  private BatchResult(I input, @Nullable PipelineResult<O> result, @Nullable RuntimeException failure) {
    this.input = Objects.requireNonNull(input, "input");
    this.result = result;
    this.failure = failure;
  }

  public static <I, O extends @Nullable Object> BatchResult<I, O> of(I input, PipelineResult<O> result) {
    return new BatchResult<>(input, Objects.requireNonNull(result, "result"), null);
  }

  public static <I, O extends @Nullable Object> BatchResult<I, O> failed(I input, RuntimeException failure) {
    return new BatchResult<>(input, null, Objects.requireNonNull(failure, "failure"));
  }

  /** The input this run was given. */
  public I input() {
    return input;
  }

  /** Whether the run returned a result (which may still have stopped early). */
  public boolean succeeded() {
    return result != null;
  }

  public Optional<PipelineResult<O>> result() {
    return Optional.ofNullable(result);
  }

  /** What the run threw, typically a {@link StepExecutionException}. */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /** The run's result, or what it threw, thrown again. */
  public PipelineResult<O> resultOrThrow() {
    if (failure != null) {
      throw failure;
    }
    return Objects.requireNonNull(result);
  }

  @Override
  public String toString() {
    return "BatchResult[" + input + " -> " + (result != null ? result : failure) + "]";
  }
}
