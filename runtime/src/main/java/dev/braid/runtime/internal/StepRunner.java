package dev.braid.runtime.internal;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Runs one step from start to end on its scope thread: waits for its dependencies, then runs
 * attempts until one succeeds, stops the run, or fails with no retry left, pausing between them as
 * the {@link RetryPolicy} says. If the run abandons an attempt running inline, the step goes on
 * on a new thread that {@link RunState#handOver} starts, and the abandoned thread leaves the step
 * alone once it returns. Thread-safe; each call works on one step's progress.
 */
final class StepRunner {
  private final Schedule schedule;
  private final RunSettings settings;
  private final RunState state;
  private final AttemptRunner attempts;
  private final RetryPolicy retries;
  private final StepDispatcher steps;

  StepRunner(Schedule schedule, RunSettings settings, RunState state, StepDispatcher steps,
      CallRunner calls, RetryPolicy retries) {
    this.schedule = schedule;
    this.settings = settings;
    this.state = state;
    this.attempts = new AttemptRunner(schedule, settings, steps, state, calls, this::resume);
    this.retries = retries;
    this.steps = steps;
  }

  /** Runs the step on its scope thread, which {@link PipelineRun} named after it. */
  void run(int index) {
    state.hold(index);
    boolean handedOver = false;
    try {
      if (state.awaitReady(index) && shouldRun(index) && state.begin(index)) {
        handedOver = runAttempts(index, 1, null);
      }
    } finally {
      if (!handedOver) {
        state.stepTaskEnded();
      }
      state.leaveGate(index);
    }
  }

  /** Goes on with a step whose attempt the run abandoned, on the thread the step was handed to. */
  private void resume(InlineAttempt abandoned) {
    boolean handedOver = false;
    try {
      handedOver = runAttempts(abandoned.index(), abandoned.context().attempt(),
          attempts.abandoned(abandoned));
    } finally {
      if (!handedOver) {
        state.stepTaskEnded();
      }
      state.clock().idle(); // counted busy by RunState.handOver
    }
  }

  /**
   * Whether the step runs: always, unless its condition is false, in which case it is skipped. A
   * condition that throws fails the step, without an attempt.
   */
  private boolean shouldRun(int index) {
    if (!schedule.step(index).conditional()) {
      return true;
    }
    // Marked before reading whether the run is stopping, so that a run settling while it stops
    // either sees the condition being evaluated or the condition is not evaluated at all.
    StepProgress progress = state.progress(index);
    progress.deciding = true;
    boolean run;
    try {
      if (state.stopping()) {
        return false;
      }
      run = steps.shouldRun(index, state.outputs());
    } catch (Throwable failure) {
      if (state.begin(index)) {
        state.failed(index, failure);
      }
      return false;
    } finally {
      progress.deciding = false;
    }
    if (!run) {
      state.skipped(index);
    }
    return run;
  }

  /**
   * Runs attempts from number {@code first} on, the first of them already ended as {@code pending}
   * says if that is given, until the step ends; true if the step was handed to another thread.
   */
  private boolean runAttempts(int index, int first, @Nullable AttemptResult pending) {
    StepPlan step = schedule.step(index);
    StepSettings stepSettings = settings.step(index);
    StepProgress progress = state.progress(index);
    AttemptResult next = pending;
    for (int number = first; ; number++) {
      AttemptResult result = next != null ? next : attempts.run(index, number);
      next = null;
      if (result == AttemptResult.HANDED_OVER) {
        return true;
      }
      if (result.record() == null) {
        if (number == 1) {
          state.neverStarted(index);
        } else {
          state.cancelled(index);
        }
        return false;
      }
      progress.addAttempt(result.record());
      RunObserver observer = state.observer();
      if (observer != null) {
        observer.attemptEnded(index, result.record());
      }
      progress.abandoned |= result.abandoned();
      progress.shielded |= result.shielded();
      switch (result.outcome()) {
        case SUCCEEDED -> {
          state.succeeded(index, result.value(), result.endNanos());
          return false;
        }
        case STOPPED_EARLY -> {
          state.stoppedEarly(index, (ConversationState<?>) result.value());
          return false;
        }
        case CANCELLED -> {
          state.cancelled(index);
          return false;
        }
        case FAILED, TIMED_OUT -> {
          Throwable failure = result.failure();
          if (failure == null) {
            throw new IllegalStateException("A failed attempt of " + step + " has no failure");
          }
          if (state.stopping() || result.retriesSpent()
              || !RetryPolicy.shouldRetry(step, stepSettings, number, failure)) {
            state.failed(index, failure);
            return false;
          }
          Duration pause = retries.pause(stepSettings, number);
          long deadline = state.deadlineNanos();
          long now = state.clock().nanos();
          if (deadline != Nanos.NONE && Nanos.after(now, pause) >= deadline) {
            if (now >= deadline) {
              state.stop(RunState.Stop.DEADLINE); // passed already; its alarm is on its way
            }
            state.failed(index, failure); // the retry could not start before the deadline
            return false;
          }
          if (observer != null) {
            observer.retrying(index, result.record(), pause);
          }
          if (!sleep(state.clock(), pause) || state.stopping()) {
            state.cancelled(index);
            return false;
          }
        }
      }
    }
  }

  /** Sleeps; false if interrupted meanwhile, with the interrupt consumed. */
  private static boolean sleep(RunClock clock, Duration pause) {
    if (pause.isZero()) {
      return !Thread.interrupted();
    }
    try {
      clock.sleep(Nanos.of(pause));
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
