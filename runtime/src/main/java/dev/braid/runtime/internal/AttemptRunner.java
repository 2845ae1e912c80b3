package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.StepTimeoutException;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Runs one attempt of a step and says how it ended. An interruptible step's attempt runs inline
 * on the thread holding the step: plainly when it has neither timeout nor deadline, else as an
 * {@link InlineAttempt} the run's {@link AttemptWatch} can time out and abandon. An uninterruptible
 * step's attempt runs as a {@link DetachedAttempt}, which the run can shield and abandon.
 * Thread-safe; holds no per-attempt state.
 */
final class AttemptRunner {
  private final Schedule schedule;
  private final RunSettings settings;
  private final StepDispatcher steps;
  private final RunState state;
  private final CallRunner calls;
  private final InlineAttempt.StepContinuation rest;

  /** @param rest what a step does after one of its inline attempts was abandoned */
  AttemptRunner(Schedule schedule, RunSettings settings, StepDispatcher steps, RunState state,
      CallRunner calls, InlineAttempt.StepContinuation rest) {
    this.schedule = schedule;
    this.settings = settings;
    this.steps = steps;
    this.state = state;
    this.calls = calls;
    this.rest = rest;
  }

  /**
   * Runs attempt {@code number} of step {@code index} on the calling thread, or returns {@link
   * AttemptResult#HANDED_OVER} if the run abandoned it meanwhile and another thread holds the step.
   */
  AttemptResult run(int index, int number) {
    StepPlan step = schedule.step(index);
    StepSettings stepSettings = settings.step(index);
    Duration timeout = stepSettings.timeout();
    // The first attempt starts when the step does, so that their recorded times agree.
    long startNanos = number == 1 ? state.progress(index).startedNanos : state.clock().nanos();
    long timeoutNanos = timeout == null ? Nanos.NONE : Nanos.after(startNanos, timeout);
    long limit = Math.min(state.deadlineNanos(), timeoutNanos);
    AttemptContext context = new AttemptContext(calls, schedule.pipelineName(), step.name(), index,
        number, state.clock(), limit);
    if (!step.interruptible()) {
      return detached(step, stepSettings, context, startNanos);
    }
    if (limit != Nanos.NONE) {
      return watched(step, stepSettings, context, startNanos, timeoutNanos);
    }
    Object value;
    try {
      value = steps.run(index, state.outputs(), context);
    } catch (Throwable thrown) {
      DetachedAttempt.Ending ending = new DetachedAttempt.Ending(
          null, thrown, Interruptions.causedBy(thrown), false, false, false, false);
      return classify(step, stepSettings, context, ending, startNanos, state.clock().nanos());
    }
    if (!step.conversational()) {
      // The common case, classified without allocating an ending: an inline success.
      return succeeded(context, value, startNanos, state.clock().nanos());
    }
    DetachedAttempt.Ending ending =
        new DetachedAttempt.Ending(value, null, false, false, false, false, false);
    return classify(step, stepSettings, context, ending, startNanos, state.clock().nanos());
  }

  /** How an attempt the run abandoned ended; called on the thread the step was handed to. */
  AttemptResult abandoned(InlineAttempt attempt) {
    int index = attempt.index();
    return classify(schedule.step(index), settings.step(index), attempt.context(),
        attempt.abandonedEnding(), attempt.startNanos(), state.clock().nanos());
  }

  private AttemptResult watched(StepPlan step, StepSettings stepSettings, AttemptContext context,
      long startNanos, long timeoutNanos) {
    InlineAttempt attempt = new InlineAttempt(context, startNanos, timeoutNanos, rest);
    if (!state.start(attempt)) {
      return attempt.withdraw() ? AttemptResult.notStarted() : AttemptResult.HANDED_OVER;
    }
    Object value = null;
    Throwable thrown = null;
    try {
      value = steps.run(context.index(), state.outputs(), context);
    } catch (Throwable t) {
      thrown = t;
    }
    DetachedAttempt.Ending ending =
        attempt.finish(value, thrown, thrown != null && Interruptions.causedBy(thrown));
    if (ending == null) {
      return AttemptResult.HANDED_OVER;
    }
    long endNanos = state.clock().nanos();
    if (thrown == null && !ending.timedOut() && !step.conversational()) {
      return succeeded(context, value, startNanos, endNanos);
    }
    return classify(step, stepSettings, context, ending, startNanos, endNanos);
  }

  private AttemptResult detached(StepPlan step, StepSettings stepSettings, AttemptContext context,
      long startNanos) {
    int index = context.index();
    DetachedAttempt attempt = new DetachedAttempt(index, state.clock(),
        Thread.ofVirtual().name(state.threadName(index)).factory(),
        stepSettings.timeout(), context::withdraw, () -> steps.run(index, state.outputs(), context));
    if (!state.register(attempt)) {
      return AttemptResult.notStarted();
    }
    DetachedAttempt.Ending ending;
    try {
      ending = attempt.await();
    } finally {
      state.unregister(attempt);
    }
    return classify(step, stepSettings, context, ending, startNanos, state.clock().nanos());
  }

  private AttemptResult succeeded(AttemptContext context, @Nullable Object value, long startNanos,
      long endNanos) {
    RunClock clock = state.clock();
    AttemptRecord record = new AttemptRecord(context.attempt(), AttemptOutcome.SUCCEEDED,
        clock.at(startNanos), clock.at(endNanos), null, context.attemptUsage(),
        waited(context, startNanos, endNanos));
    return new AttemptResult(
        AttemptOutcome.SUCCEEDED, value, null, record, false, false, false, endNanos);
  }

  /**
   * How long the attempt waited for a slot: all of it if it ended waiting, so that its record and
   * timeline show no running time for code that never ran.
   */
  private static Duration waited(AttemptContext context, long startNanos, long endNanos) {
    long nanos = context.endedWaiting() ? endNanos - startNanos : context.waitedNanos();
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

  private AttemptResult classify(StepPlan step, StepSettings stepSettings, AttemptContext context,
      DetachedAttempt.Ending ending, long startNanos, long endNanos) {
    int number = context.attempt();
    Throwable failure = ending.failure();
    Object value = ending.value();
    AttemptOutcome outcome;
    Duration timeout = stepSettings.timeout();
    if (ending.timedOut() && timeout != null && !state.stopping()) {
      StepTimeoutException timedOut = new StepTimeoutException(schedule.pipelineName(),
          step.name(), timeout, number, stepSettings.retries() + 1, context.endedWaiting());
      if (failure != null) {
        timedOut.addSuppressed(failure);
      }
      outcome = AttemptOutcome.TIMED_OUT;
      failure = timedOut;
      value = null;
    } else if (ending.abandoned() || failure != null && state.stopping()
        && (ending.interruptCaused() || ending.stopped()) && !refusedByBudget(failure)) {
      outcome = AttemptOutcome.CANCELLED;
      failure = null;
      value = null;
    } else if (failure != null) {
      outcome = AttemptOutcome.FAILED;
    } else if (!step.conversational()) {
      outcome = AttemptOutcome.SUCCEEDED;
    } else if (!(value instanceof ConversationState<?> conversation)) {
      outcome = AttemptOutcome.FAILED;
      failure = new NullPointerException("Step '" + step.name() + "' of pipeline '"
          + schedule.pipelineName() + "' returned null instead of a ConversationState");
    } else if (conversation.isComplete()) {
      outcome = AttemptOutcome.SUCCEEDED;
      value = conversation.data();
    } else {
      outcome = AttemptOutcome.STOPPED_EARLY;
    }
    RunClock clock = state.clock();
    AttemptRecord record = new AttemptRecord(number, outcome, clock.at(startNanos),
        clock.at(endNanos), outcome == AttemptOutcome.FAILED || outcome == AttemptOutcome.TIMED_OUT
            ? failure : null, context.attemptUsage(), waited(context, startNanos, endNanos));
    boolean retriesSpent = outcome == AttemptOutcome.FAILED && context.retriesSpentOn(failure);
    return new AttemptResult(outcome, value, failure, record, ending.abandoned(), ending.shielded(),
        retriesSpent, endNanos);
  }
}
