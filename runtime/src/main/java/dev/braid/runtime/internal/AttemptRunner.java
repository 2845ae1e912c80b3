package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.StepTimeoutException;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Runs one attempt of a step and says how it ended. A step without timeout, in a run without
 * deadline, that may be interrupted runs inline on its scope thread; any other runs as a {@link
 * DetachedAttempt}, which the run can abandon or shield. Thread-safe; holds no per-attempt state.
 */
final class AttemptRunner {
  private final Schedule schedule;
  private final RunSettings settings;
  private final StepDispatcher steps;
  private final RunState state;
  private final CallRunner calls;

  AttemptRunner(Schedule schedule, RunSettings settings, StepDispatcher steps, RunState state,
      CallRunner calls) {
    this.schedule = schedule;
    this.settings = settings;
    this.steps = steps;
    this.state = state;
    this.calls = calls;
  }

  AttemptResult run(int index, int number) {
    StepPlan step = schedule.step(index);
    StepSettings stepSettings = settings.step(index);
    Duration timeout = stepSettings.timeout();
    // The first attempt starts when the step does, so that their recorded times agree.
    long startNanos = number == 1 ? state.progress(index).startedNanos : System.nanoTime();
    long limit = Math.min(state.deadlineNanos(),
        timeout == null ? Nanos.NONE : Nanos.after(startNanos, timeout));
    AttemptContext context = new AttemptContext(calls, schedule.pipelineName(), step.name(), index,
        number, limit == Nanos.NONE ? null : state.clock().at(limit), limit);
    DetachedAttempt.Ending ending;
    if (timeout == null && state.deadlineNanos() == Nanos.NONE && step.interruptible()) {
      Object value;
      try {
        value = steps.run(index, state.outputs(), context);
      } catch (Throwable thrown) {
        ending = new DetachedAttempt.Ending(
            null, thrown, Interruptions.causedBy(thrown), false, false, false, false);
        return classify(step, stepSettings, context, ending, startNanos, System.nanoTime());
      }
      if (!step.conversational()) {
        // The common case, classified without allocating an ending: an inline success.
        return succeeded(context, value, startNanos, System.nanoTime());
      }
      ending = new DetachedAttempt.Ending(value, null, false, false, false, false, false);
    } else {
      DetachedAttempt attempt = new DetachedAttempt(index, schedule.attemptThreads(index),
          step.interruptible(), timeout, () -> steps.run(index, state.outputs(), context));
      if (!state.register(attempt)) {
        return AttemptResult.notStarted();
      }
      try {
        ending = attempt.await();
      } finally {
        state.unregister(attempt);
      }
    }
    long endNanos = System.nanoTime();
    return classify(step, stepSettings, context, ending, startNanos, endNanos);
  }

  private AttemptResult succeeded(AttemptContext context, @Nullable Object value, long startNanos,
      long endNanos) {
    RunClock clock = state.clock();
    AttemptRecord record = new AttemptRecord(context.attempt(), AttemptOutcome.SUCCEEDED,
        clock.at(startNanos), clock.at(endNanos), null, context.attemptUsage());
    return new AttemptResult(AttemptOutcome.SUCCEEDED, value, null, record, false, false, false);
  }

  private AttemptResult classify(StepPlan step, StepSettings stepSettings, AttemptContext context,
      DetachedAttempt.Ending ending, long startNanos, long endNanos) {
    int number = context.attempt();
    Throwable failure = ending.failure();
    Object value = ending.value();
    AttemptOutcome outcome;
    Duration timeout = stepSettings.timeout();
    if (ending.timedOut() && timeout != null && !state.stopping()) {
      StepTimeoutException timedOut = new StepTimeoutException(
          schedule.pipelineName(), step.name(), timeout, number, stepSettings.retries() + 1);
      if (failure != null) {
        timedOut.addSuppressed(failure);
      }
      outcome = AttemptOutcome.TIMED_OUT;
      failure = timedOut;
      value = null;
    } else if (ending.abandoned()
        || failure != null && state.stopping() && (ending.interruptCaused() || ending.stopped())) {
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
            ? failure : null, context.attemptUsage());
    boolean retriesSpent = outcome == AttemptOutcome.FAILED && context.retriesSpentOn(failure);
    return new AttemptResult(outcome, value, failure, record, ending.abandoned(), ending.shielded(),
        retriesSpent);
  }
}
