package dev.braid.runtime.codegen;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.internal.PipelineRun;
import dev.braid.runtime.internal.PreviewSupport;
import dev.braid.runtime.internal.Schedule;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link PipelinePlan}: one engine per generated executor, shared by all its runs.
 *
 * <p>Creating an engine checks that the JVM can run Braid (Java 25 with {@code --enable-preview})
 * and fails at once with advice if not, so a misconfigured application fails when the executor is
 * created rather than on its first request. Thread-safe.
 */
public final class PipelineEngine {
  private final PipelinePlan plan;
  private final Schedule schedule;

  private PipelineEngine(PipelinePlan plan) {
    this.plan = plan;
    this.schedule = Schedule.of(plan);
  }

  /**
   * Creates the engine for {@code plan}.
   *
   * @throws IllegalStateException if this JVM cannot run Braid's runtime, with the fix
   */
  public static PipelineEngine create(PipelinePlan plan) {
    return create(plan, PipelineConfig.empty());
  }

  /**
   * Creates the engine for {@code plan} with run-time overrides.
   *
   * @throws IllegalArgumentException if {@code config} names a step the plan does not have
   * @throws IllegalStateException if this JVM cannot run Braid's runtime, with the fix
   */
  public static PipelineEngine create(PipelinePlan plan, PipelineConfig config) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(config, "config");
    PreviewSupport.check(plan.name());
    return new PipelineEngine(plan);
  }

  public PipelinePlan plan() {
    return plan;
  }

  /**
   * Runs the pipeline once, with {@code bodies[i]} as the code of step {@code i}, and returns after
   * every thread the run started has ended.
   *
   * @throws StepExecutionException if a step failed
   * @throws RunCancelledException if the calling thread was interrupted
   */
  public <O extends @Nullable Object> PipelineResult<O> execute(StepBody... bodies) {
    if (bodies.length != plan.steps().size()) {
      throw new IllegalArgumentException("Pipeline '" + plan.name() + "' has "
          + plan.steps().size() + " steps but was given " + bodies.length + " step bodies");
    }
    return new PipelineRun<O>(schedule, bodies).execute();
  }

  /**
   * Runs the pipeline once with per-call options.
   *
   * @param inputs the pipeline's inputs in the order of {@link PipelinePlan#inputs()}, kept in the
   *     result so that {@link #resume} can tell which changed
   * @throws StepExecutionException if a step failed
   * @throws RunCancelledException if the calling thread was interrupted
   * @throws dev.braid.runtime.RunDeadlineExceededException if the run's deadline passed
   */
  public <O extends @Nullable Object> PipelineResult<O> execute(
      RunOptions options, @Nullable Object[] inputs, StepBody... bodies) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Starts a run on a thread of its own. Cancelling the future with {@code cancel(true)} cancels
   * the run: its steps are interrupted, and the thread ends once they have.
   */
  public <O extends @Nullable Object> CompletableFuture<PipelineResult<O>> executeAsync(
      RunOptions options, @Nullable Object[] inputs, StepBody... bodies) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Runs the pipeline again after {@code previous} stopped early, reusing the outputs of the steps
   * that succeeded and read, directly or through their dependencies, no input that differs from
   * {@code previous}'s; every other step runs again.
   *
   * @throws IllegalArgumentException if {@code previous} is the result of another pipeline
   */
  public <O extends @Nullable Object> PipelineResult<O> resume(
      PipelineResult<O> previous, RunOptions options, @Nullable Object[] inputs, StepBody... bodies) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
