package dev.braid.runtime;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Hears what happens in runs, for metrics, logs, traces and progress displays. Register one for
 * every run of an executor with {@link PipelineConfig.Builder#listener}, or for one run with {@link
 * RunOptions.Builder#listener}. Every method has an empty default, so a listener implements only
 * what it needs.
 *
 * <pre>{@code
 * RunListener progress = new RunListener() {
 *   @Override public void stepEnded(StepEvent step, StepRecord record) {
 *     System.out.printf("%s %s%n", step.stepName(), record.status());
 *   }
 * };
 * }</pre>
 *
 * <p>Methods are called on the threads that do the work: {@link #runStarted} and {@link
 * #runEnded} on the thread that runs the run, the others on the steps' threads, several at once
 * when steps run in parallel. A listener must therefore be thread-safe and quick; anything slow
 * belongs on a thread of its own. A listener that throws is reported through {@link
 * System.Logger} and otherwise ignored: it never changes how a run ends.
 */
public interface RunListener {

  /** A hook that lasts while something runs, closed on the thread that opened it. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    /** A scope that does nothing. */
    Scope NONE = () -> {};

    @Override
    void close();
  }

  /**
   * Whether this listener wants to hear of a run of {@code pipelineName} that is starting now;
   * asked once per run. A run that no listener wants builds no events at all, so a listener that
   * has nothing to do (a tracer without an SDK, say) costs nothing by returning false.
   */
  default boolean listensTo(String pipelineName) {
    return true;
  }

  /** The run has started; its steps have not. */
  default void runStarted(RunEvent run) {}

  /**
   * An attempt is about to run the step's code, on the thread that will run it. The returned scope
   * is closed on the same thread right after the code returns or throws: a tracer makes its span
   * current here, so that spans the step's code opens nest under it.
   */
  default Scope attemptStarted(StepEvent attempt) {
    return Scope.NONE;
  }

  /**
   * An attempt has ended, on the step's thread: its record says how, with its usage. Comes after
   * the scope {@link #attemptStarted} opened was closed.
   */
  default void attemptEnded(StepEvent attempt, AttemptRecord record) {}

  /**
   * An attempt failed or timed out and the step will try again after {@code pause}.
   *
   * @param failed the attempt that failed, with its failure and usage
   */
  default void stepRetrying(StepEvent attempt, AttemptRecord failed, Duration pause) {}

  /**
   * The step has ended, however it ended: {@link StepRecord#status()} says whether it succeeded,
   * failed, was skipped, cancelled or stopped the run early.
   */
  default void stepEnded(StepEvent step, StepRecord record) {}

  /**
   * A model call is about to be made from a step, on the thread that makes it. The runtime calls
   * {@link CallScope#ended} on the same thread when the call has returned or thrown.
   */
  default CallScope modelCallStarted(StepEvent attempt, String model) {
    return CallScope.NONE;
  }

  /** What a listener keeps while one model call runs. */
  @FunctionalInterface
  interface CallScope {
    /** A call scope that does nothing. */
    CallScope NONE = (usage, failure) -> {};

    /** The call returned ({@code failure} null) or threw; {@code usage} is what it used, priced. */
    void ended(Usage usage, @Nullable Throwable failure);
  }

  /** A step streamed a chunk; see {@link ChunkListener} for the guarantees of order. */
  default void chunkStreamed(StepEvent attempt, StreamChunk chunk) {}

  /**
   * The run has ended: {@code result} is its result, or the partial result of the exception it
   * throws, which is {@code failure}.
   */
  default void runEnded(RunEvent run, PipelineResult<?> result, @Nullable BraidException failure) {}
}
