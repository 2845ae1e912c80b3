package dev.braid.runtime.internal;

import dev.braid.runtime.PipelineResult;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The future of a run started with {@code executeAsync}: completed by the run's own virtual
 * thread with its result or its exception. Cancelling it, with or without {@code
 * mayInterruptIfRunning}, cancels the run; the run's thread ends once its steps have. Thread-safe.
 */
final class RunFuture<O extends @Nullable Object>
    extends CompletableFuture<PipelineResult<O>> {
  private final PipelineRun<O> run;

  private RunFuture(PipelineRun<O> run) {
    this.run = run;
  }

  /** Starts {@code run} on a new virtual thread named {@code threadName}. */
  public static <O extends @Nullable Object> RunFuture<O> start(
      PipelineRun<O> run, String threadName) {
    RunFuture<O> future = new RunFuture<>(run);
    Thread.ofVirtual().name(threadName).start(() -> {
      try {
        future.complete(run.execute());
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    });
    return future;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    run.cancel();
    return cancelled;
  }
}
