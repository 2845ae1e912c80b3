package dev.braid.runtime.codegen;

import dev.braid.runtime.BatchRun;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.RunStream;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.internal.PlanRunner;
import dev.braid.runtime.internal.StepSlots;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link PipelinePlan}: one engine per generated executor, shared by all its runs.
 *
 * <p>Creating an engine checks that the JVM can run the scope {@code -Dbraid.scope} asks for, if
 * any, and that its {@link PipelineConfig} names only steps the plan has, and fails at once with advice
 * if not, so a misconfigured application fails when the executor is created rather than on its
 * first request. Settings resolve most specific last: the plan ({@code @Pipeline} defaults, then
 * {@code @Step} attributes), the engine's {@code PipelineConfig}, then each call's {@link
 * RunOptions}.
 *
 * <p>What happens to steps in flight when a run ends early:
 *
 * <ul>
 *   <li><b>Failure</b> of a step that is not optional: the run stops; running steps are
 *       interrupted, none starts, no retry begins; {@link StepExecutionException}.
 *   <li><b>Early stop</b> (an incomplete {@code ConversationState}): the same, and the result
 *       says where it stopped.
 *   <li><b>Timeout</b> of an attempt: that attempt alone is interrupted, then retried while
 *       retries remain; other steps go on.
 *   <li><b>Deadline</b>: running steps are interrupted, none starts, no retry begins and no retry
 *       pause outlasts it; {@link RunDeadlineExceededException}.
 *   <li><b>Cancel</b> (the caller's interrupt, or cancelling an {@link #executeAsync} future):
 *       running steps are interrupted; {@link RunCancelledException}.
 *   <li><b>Budget</b>: a model call that the run's, its step's or its own budget refuses is not
 *       made, and the run stops as on a failure, whether the step was optional or caught the
 *       exception; {@link dev.braid.runtime.CostBudgetExceededException} or {@link
 *       dev.braid.runtime.TokenBudgetExceededException} with the usage so far.
 * </ul>
 *
 * In every case the run returns or throws once the steps' threads have ended. Two exceptions: an
 * attempt that ignores its interrupt for a short grace is abandoned — the run stops waiting and
 * reports it in {@code StepRecord.abandoned()} — and an uninterruptible step is never interrupted
 * by a stop: the run waits for it (bounded by its own timeout, and at a deadline abandons it after
 * the grace) and reports it in {@code StepRecord.shielded()}. Only attempts with a limit can be
 * abandoned: those of a step with a timeout, and every attempt in a run with a deadline; any other
 * attempt that ignores its interrupt is waited for. An abandoned attempt's thread is left to end
 * on its own; its step goes on at once on a new thread — it retries, or it ends and its dependents
 * and the run's outcome are decided — and the run returns without waiting for that thread. An
 * interruptible step's attempts run on the step's own thread, timed or not, so a timeout or
 * deadline costs no thread of its own; only an uninterruptible step's attempts do, as a stop must
 * not interrupt them. Each exception carries the run's partial result.
 *
 * <p>A step with a concurrency cap ({@code @Step(maxConcurrent)} or {@link
 * dev.braid.runtime.StepConfig#maxConcurrent()}) runs at most that many attempts at once over all
 * the engine's runs; see {@link StepSlots}.
 *
 * <p>Thread-safe: any number of runs may use one engine at once.
 */
public final class PipelineEngine {
  private final PipelinePlan plan;
  private final PlanRunner runner;

  private PipelineEngine(PipelinePlan plan, PlanRunner runner) {
    this.plan = plan;
    this.runner = runner;
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
    return new PipelineEngine(plan, PlanRunner.create(plan, config));
  }

  public PipelinePlan plan() {
    return plan;
  }

  /**
   * The concurrency caps of the plan's steps ({@code @Step(maxConcurrent)}, or the config's),
   * shared by every run of this engine.
   */
  public StepSlots slots() {
    return runner.slots();
  }

  /**
   * Runs the pipeline once with per-call options, with {@code steps} running each step by index,
   * and returns after every thread the run started has ended.
   *
   * @param inputs the pipeline's inputs in the order of {@link PipelinePlan#inputs()}, kept in the
   *     result so that {@link #resume} can tell which changed
   * @throws IllegalArgumentException if {@code options} names a step the plan does not have, or the
   *     inputs do not match the plan
   * @throws StepExecutionException if a step failed
   * @throws RunCancelledException if the calling thread was interrupted
   * @throws RunDeadlineExceededException if the run's deadline passed
   */
  public <O extends @Nullable Object> PipelineResult<O> execute(
      RunOptions options, @Nullable Object[] inputs, StepDispatcher steps) {
    return runner.execute(
        Objects.requireNonNull(options, "options"), checkInputs(inputs), checkSteps(steps));
  }

  /**
   * Starts a run on a virtual thread of its own. The future completes with the result, or
   * exceptionally with what {@code execute} would have thrown. Cancelling it, with {@code
   * cancel(true)} or {@code cancel(false)}, cancels the run: its steps are interrupted, and the
   * thread ends once they have.
   *
   * @throws IllegalArgumentException at once, for the reasons {@link #execute(RunOptions,
   *     Object[], StepDispatcher)} gives
   */
  public <O extends @Nullable Object> CompletableFuture<PipelineResult<O>> executeAsync(
      RunOptions options, @Nullable Object[] inputs, StepDispatcher steps) {
    return runner.executeAsync(
        onCallersThread(options, "executeAsync"), checkInputs(inputs), checkSteps(steps));
  }

  /**
   * Starts a run whose streamed chunks the caller reads as they come; see {@link RunStream}.
   *
   * @throws IllegalArgumentException at once, for the reasons {@link #execute(RunOptions,
   *     Object[], StepDispatcher)} gives
   */
  public <O extends @Nullable Object> RunStream<O> stream(
      RunOptions options, @Nullable Object[] inputs, StepDispatcher steps) {
    return runner.stream(
        onCallersThread(options, "stream"), checkInputs(inputs), checkSteps(steps));
  }

  /**
   * Runs the pipeline once per input with {@code run}, at most {@code maxInFlight} runs in
   * progress at once; see {@link BatchRun}. What a generated {@code executeAll} calls: on this
   * engine's time source, each run counts as started from the moment the batch launches its
   * thread, so that a test's virtual time cannot move on before the run's first step.
   *
   * @param run runs the pipeline once for an input, with this engine, on the batch's thread
   * @throws IllegalArgumentException if {@code maxInFlight} is below 1
   */
  public <I, O extends @Nullable Object> BatchRun<I, O> executeAll(Iterable<? extends I> inputs,
      int maxInFlight, boolean stopOnFailure, Function<? super I, PipelineResult<O>> run) {
    return BatchRun.start(inputs, maxInFlight, stopOnFailure, run, runner::launching);
  }

  /**
   * Runs the pipeline again after {@code previous} stopped early (or failed), reusing the outputs
   * of the steps that succeeded and read, directly or through their dependencies, no input that
   * differs from {@code previous}'s ({@link Object#equals}); every other step runs again. Reused
   * steps are {@code REUSED} in the new result, with no attempt.
   *
   * @throws IllegalArgumentException if {@code previous} is the result of another pipeline
   */
  public <O extends @Nullable Object> PipelineResult<O> resume(PipelineResult<O> previous,
      RunOptions options, @Nullable Object[] inputs, StepDispatcher steps) {
    Objects.requireNonNull(previous, "previous");
    return runner.resume(previous, Objects.requireNonNull(options, "options"),
        checkInputs(inputs), checkSteps(steps));
  }

  /**
   * The names of the steps, in plan order, that {@link #resume} would take from {@code previous}
   * with {@code inputs} instead of running them again. A durable store uses it to drop the
   * checkpoints of the steps that will run again before it queues the resumed run.
   *
   * @throws IllegalArgumentException if {@code previous} is the result of another pipeline
   */
  public Set<String> reusableSteps(PipelineResult<?> previous, @Nullable Object[] inputs) {
    Objects.requireNonNull(previous, "previous");
    return runner.reusableSteps(previous, checkInputs(inputs));
  }

  /**
   * Runs the pipeline once, with {@code bodies[i]} as the code of step {@code i}, and returns after
   * every thread the run started has ended. The result keeps no inputs.
   *
   * @throws StepExecutionException if a step failed
   * @throws RunCancelledException if the calling thread was interrupted
   * @throws RunDeadlineExceededException if the plan's or config's deadline passed
   */
  public <O extends @Nullable Object> PipelineResult<O> execute(StepBody... bodies) {
    return runner.execute(RunOptions.defaults(), null, dispatcher(bodies));
  }

  /**
   * Runs the pipeline once with per-call options, with {@code bodies[i]} as the code of step
   * {@code i}.
   *
   * @throws IllegalArgumentException for the reasons {@link #execute(RunOptions, Object[],
   *     StepDispatcher)} gives, or if there is not one body per step
   */
  public <O extends @Nullable Object> PipelineResult<O> execute(
      RunOptions options, @Nullable Object[] inputs, StepBody... bodies) {
    return execute(options, inputs, dispatcher(bodies));
  }

  /**
   * Starts a run on a virtual thread of its own, with {@code bodies[i]} as the code of step
   * {@code i}; see {@link #executeAsync(RunOptions, Object[], StepDispatcher)}.
   *
   * @throws IllegalArgumentException at once, for the reasons {@link #execute(RunOptions,
   *     Object[], StepBody...)} gives
   */
  public <O extends @Nullable Object> CompletableFuture<PipelineResult<O>> executeAsync(
      RunOptions options, @Nullable Object[] inputs, StepBody... bodies) {
    return executeAsync(options, inputs, dispatcher(bodies));
  }

  /**
   * Starts a streamed run with {@code bodies[i]} as the code of step {@code i}; see {@link
   * #stream(RunOptions, Object[], StepDispatcher)}.
   *
   * @throws IllegalArgumentException at once, for the reasons {@link #execute(RunOptions,
   *     Object[], StepBody...)} gives
   */
  public <O extends @Nullable Object> RunStream<O> stream(
      RunOptions options, @Nullable Object[] inputs, StepBody... bodies) {
    return stream(options, inputs, dispatcher(bodies));
  }

  /**
   * Resumes {@code previous} with {@code bodies[i]} as the code of step {@code i}; see {@link
   * #resume(PipelineResult, RunOptions, Object[], StepDispatcher)}.
   *
   * @throws IllegalArgumentException if {@code previous} is the result of another pipeline
   */
  public <O extends @Nullable Object> PipelineResult<O> resume(
      PipelineResult<O> previous, RunOptions options, @Nullable Object[] inputs, StepBody... bodies) {
    return resume(previous, options, inputs, dispatcher(bodies));
  }

  /** Adapts one body per step, checked against the plan, to a dispatcher. */
  private StepDispatcher dispatcher(StepBody[] bodies) {
    if (bodies.length != plan.steps().size()) {
      throw new IllegalArgumentException("Pipeline '" + plan.name() + "' has "
          + plan.steps().size() + " steps but was given " + bodies.length + " step bodies");
    }
    return PlanRunner.dispatcher(bodies);
  }

  /** A child run runs on its parent step's thread, which is how the parent's stop reaches it. */
  private static RunOptions onCallersThread(RunOptions options, String method) {
    Objects.requireNonNull(options, "options");
    if (options.parent().isPresent()) {
      throw new IllegalArgumentException("RunOptions.childOf is for execute: a child run runs on"
          + " its parent step's thread, so that stopping the parent stops it; call execute instead"
          + " of " + method);
    }
    return options;
  }

  private static StepDispatcher checkSteps(StepDispatcher steps) {
    return Objects.requireNonNull(steps, "steps");
  }

  private @Nullable Object[] checkInputs(@Nullable Object[] inputs) {
    Objects.requireNonNull(inputs, "inputs");
    if (!plan.inputs().isEmpty() && inputs.length != plan.inputs().size()) {
      throw new IllegalArgumentException("Pipeline '" + plan.name() + "' takes "
          + plan.inputs().size() + " inputs " + plan.inputs() + " but was given " + inputs.length);
    }
    return inputs;
  }
}
