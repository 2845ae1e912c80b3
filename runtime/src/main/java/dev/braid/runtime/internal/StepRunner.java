package dev.braid.runtime.internal;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;

/**
 * Runs one step from start to end on its scope thread: waits for its dependencies, then runs
 * attempts until one succeeds, stops the run, or fails with no retry left, pausing between them as
 * the {@link RetryPolicy} says. Thread-safe; each call works on one step's progress.
 */
final class StepRunner {
  private final Schedule schedule;
  private final RunSettings settings;
  private final RunState state;
  private final AttemptRunner attempts;
  private final RetryPolicy retries;
  private final StepDispatcher steps;

  StepRunner(Schedule schedule, RunSettings settings, RunState state, AttemptRunner attempts,
      RetryPolicy retries, StepDispatcher steps) {
    this.schedule = schedule;
    this.settings = settings;
    this.state = state;
    this.attempts = attempts;
    this.retries = retries;
    this.steps = steps;
  }

  void run(int index) {
    Thread.currentThread().setName(schedule.threadName(index));
    try {
      if (state.awaitReady(index) && shouldRun(index) && state.begin(index)) {
        runAttempts(index);
      }
    } finally {
      state.stepTaskEnded();
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
    boolean run;
    try {
      run = steps.shouldRun(index, state.outputs());
    } catch (Throwable failure) {
      if (state.begin(index)) {
        state.failed(index, failure);
      }
      return false;
    }
    if (!run) {
      state.skipped(index);
    }
    return run;
  }

  private void runAttempts(int index) {
    StepPlan step = schedule.step(index);
    StepSettings stepSettings = settings.step(index);
    StepProgress progress = state.progress(index);
    for (int number = 1; ; number++) {
      AttemptResult result = attempts.run(index, number);
      if (result.record() == null) {
        if (number == 1) {
          state.neverStarted(index);
        } else {
          state.cancelled(index);
        }
        return;
      }
      progress.attempts.add(result.record());
      progress.abandoned |= result.abandoned();
      progress.shielded |= result.shielded();
      switch (result.outcome()) {
        case SUCCEEDED -> {
          state.succeeded(index, result.value());
          return;
        }
        case STOPPED_EARLY -> {
          state.stoppedEarly(index, (ConversationState<?>) result.value());
          return;
        }
        case CANCELLED -> {
          state.cancelled(index);
          return;
        }
        case FAILED, TIMED_OUT -> {
          Throwable failure = result.failure();
          if (failure == null) {
            throw new IllegalStateException("A failed attempt of " + step + " has no failure");
          }
          if (state.stopping() || result.retriesSpent()
              || !RetryPolicy.shouldRetry(step, stepSettings, number, failure)) {
            state.failed(index, failure);
            return;
          }
          Duration pause = retries.pause(stepSettings, number);
          long deadline = state.deadlineNanos();
          long now = System.nanoTime();
          if (deadline != Nanos.NONE && Nanos.after(now, pause) >= deadline) {
            if (now >= deadline) {
              state.stop(RunState.Stop.DEADLINE); // passed already; its alarm is on its way
            }
            state.failed(index, failure); // the retry could not start before the deadline
            return;
          }
          if (!sleep(pause) || state.stopping()) {
            state.cancelled(index);
            return;
          }
        }
      }
    }
  }

  /** Sleeps; false if interrupted meanwhile, with the interrupt consumed. */
  private static boolean sleep(Duration pause) {
    if (pause.isZero()) {
      return !Thread.interrupted();
    }
    try {
      Thread.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
