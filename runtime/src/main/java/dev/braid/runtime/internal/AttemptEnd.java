package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.StepTimeoutException;
import dev.braid.runtime.Usage;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How one attempt ended, as its step goes on with it. The {@link Recorded} kinds carry the public
 * {@link AttemptRecord} the step's record keeps; the others say the attempt left no record to
 * keep, or that it was kept already.
 * {@link #of} is the one place an attempt's raw ending — what its code gave, and what its timeout
 * or the run's stop did to it — becomes one of these.
 */
sealed interface AttemptEnd {

  /** An attempt that ran, and so has a record. */
  sealed interface Recorded extends AttemptEnd {
    AttemptRecord record();

    /** Whether the run abandoned the attempt, for the step's record. */
    default boolean abandoned() {
      return false;
    }

    /** Whether the run let the attempt go on after it stopped, for the step's record. */
    boolean shielded();
  }

  /**
   * A success. Its record is made when asked for, as most are read only from the run's result if
   * at all: it keeps the times on the run clock's axis, and what the attempt used and waited as it
   * ended. Immutable.
   */
  final class Succeeded implements Recorded {
    private final @Nullable Object value;
    private final RunClock clock;
    private final int attempt;
    private final long startNanos;
    private final long endNanos;
    private final Usage usage;
    private final long waitedNanos;
    private final boolean shielded;

    private Succeeded(@Nullable Object value, AttemptContext context, long startNanos,
        long endNanos, boolean shielded) {
      this.value = value;
      this.clock = context.clock();
      this.attempt = context.attempt();
      this.startNanos = startNanos;
      this.endNanos = endNanos;
      this.usage = context.attemptUsage();
      this.waitedNanos = waitedNanos(context, startNanos, endNanos);
      this.shielded = shielded;
    }

    /** The step's output (a conversational step's data). */
    @Nullable Object value() {
      return value;
    }

    /** When the attempt ended on the run clock's axis, the time of its record's end. */
    long endNanos() {
      return endNanos;
    }

    @Override
    public boolean shielded() {
      return shielded;
    }

    @Override
    public AttemptRecord record() {
      return new AttemptRecord(attempt, AttemptOutcome.SUCCEEDED, clock.at(startNanos),
          clock.at(endNanos), null, usage, duration(waitedNanos));
    }
  }

  /** A conversational step returned an incomplete state, which stops the run. */
  record StoppedEarly(ConversationState<?> state, AttemptRecord record, boolean shielded)
      implements Recorded {}

  /**
   * The attempt failed or timed out ({@link AttemptRecord#outcome()} says which).
   *
   * @param retriesSpent whether the failure escaped a model call that had already retried it, or
   *     refused to, so that the step must not retry it again
   */
  record Failed(Throwable failure, AttemptRecord record, boolean retriesSpent, boolean abandoned,
      boolean shielded) implements Recorded {}

  /** The run's stop ended the attempt, or abandoned it. */
  record Cancelled(AttemptRecord record, boolean abandoned, boolean shielded)
      implements Recorded {}

  /** The run stopped before the attempt could start; it has no record. */
  record NotStarted() implements AttemptEnd {}

  /**
   * What an inline attempt's own thread sees once its code returns after the run abandoned it:
   * another thread already holds the step, so this one must leave it alone.
   */
  record HandedOver() implements AttemptEnd {}

  /**
   * The attempt succeeded and its step ended with it, in the same transition ({@link
   * RunCoordinator#attemptFinished}); nothing is left to record.
   */
  record StepEnded() implements AttemptEnd {}

  NotStarted NOT_STARTED = new NotStarted();
  HandedOver HANDED_OVER = new HandedOver();
  StepEnded STEP_ENDED = new StepEnded();

  /**
   * Classifies an attempt whose code {@code ran} or that was abandoned.
   *
   * @param ran what the code gave: a value or a failure
   * @param from the state the attempt ended or was abandoned from ({@link Attempt#endedFrom()})
   * @param abandoned whether the run abandoned it
   * @param shielded whether the run let it go on after stopping
   * @param stopping whether the run is stopping: an interrupt is then the stop's, not a timeout's
   */
  static AttemptEnd of(AttemptContext context, StepSettings settings, boolean conversational,
      @Nullable Object value, @Nullable Throwable failure, boolean interruptCaused,
      AttemptState from, boolean abandoned, boolean shielded, boolean stopping, long startNanos,
      long endNanos) {
    Duration timeout = settings.timeout();
    AttemptOutcome outcome;
    Object output = value;
    Throwable error = failure;
    if (from == AttemptState.TIMED_OUT && timeout != null && !stopping) {
      StepTimeoutException timedOut = new StepTimeoutException(context.pipelineName(),
          context.stepName(), timeout, context.attempt(), settings.retries() + 1,
          context.endedWaiting());
      if (failure != null) {
        timedOut.addSuppressed(failure);
      }
      outcome = AttemptOutcome.TIMED_OUT;
      error = timedOut;
      output = null;
    } else if (abandoned || failure != null && stopping
        && (interruptCaused || from == AttemptState.STOPPED) && !refusedByBudget(failure)) {
      return new Cancelled(record(context, AttemptOutcome.CANCELLED, null, startNanos, endNanos),
          abandoned, shielded);
    } else if (failure != null) {
      outcome = AttemptOutcome.FAILED;
    } else if (!conversational) {
      return succeeded(context, value, startNanos, endNanos, shielded);
    } else if (!(value instanceof ConversationState<?> conversation)) {
      outcome = AttemptOutcome.FAILED;
      error = new NullPointerException("Step '" + context.stepName() + "' of pipeline '"
          + context.pipelineName() + "' returned null instead of a ConversationState");
    } else if (conversation.isComplete()) {
      return succeeded(context, conversation.data(), startNanos, endNanos, shielded);
    } else {
      return new StoppedEarly(conversation,
          record(context, AttemptOutcome.STOPPED_EARLY, null, startNanos, endNanos), shielded);
    }
    if (error == null) {
      throw new IllegalStateException("A failed attempt of step '" + context.stepName()
          + "' of pipeline '" + context.pipelineName() + "' has no failure");
    }
    AttemptRecord record = record(context, outcome, error, startNanos, endNanos);
    return new Failed(error, record,
        outcome == AttemptOutcome.FAILED && context.retriesSpentOn(error), abandoned, shielded);
  }

  /** A success; the common case, classified without more than its record. */
  static Succeeded succeeded(AttemptContext context, @Nullable Object value, long startNanos,
      long endNanos, boolean shielded) {
    return new Succeeded(value, context, startNanos, endNanos, shielded);
  }

  private static AttemptRecord record(AttemptContext context, AttemptOutcome outcome,
      @Nullable Throwable failure, long startNanos, long endNanos) {
    RunClock clock = context.clock();
    return new AttemptRecord(context.attempt(), outcome, clock.at(startNanos), clock.at(endNanos),
        failure, context.attemptUsage(), duration(waitedNanos(context, startNanos, endNanos)));
  }

  /**
   * How long the attempt waited for a slot: all of it if it ended waiting, so that its record and
   * timeline show no running time for code that never ran.
   */
  private static long waitedNanos(AttemptContext context, long startNanos, long endNanos) {
    return context.endedWaiting() ? endNanos - startNanos : context.waitedNanos();
  }

  private static Duration duration(long nanos) {
    return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
  }

  /**
   * Whether {@code failure} is, or was caused by, a budget's refusal. A refused call stops the run
   * before its step has ended, so the scope may interrupt that step too; the refusal is still the
   * step's own failure, not a cancellation.
   */
  private static boolean refusedByBudget(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BudgetExceededException) {
        return true;
      }
    }
    return false;
  }
}
