package dev.braid.runtime.internal;

import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Runs one step from start to end on its scope thread: waits for its dependencies, then runs
 * attempts until one succeeds, stops the run, or fails with no retry left, pausing between them as
 * the {@link RetryPolicy} says. How each attempt runs — plainly, or as an {@link Attempt} the run
 * can time out, stop and abandon — is decided in {@link #runAttempt}; if the run abandons an
 * inline attempt, the step goes on on a new thread ({@link #resume}), and the abandoned thread
 * leaves the step alone once its code returns. The thread that ends a step then runs the dependent
 * it took, if any ({@link #continueWith}). Thread-safe; each call works on one step's progress at
 * a time.
 */
final class StepRunner {
  private final Schedule schedule;
  private final RunSettings settings;
  private final RunCoordinator coordinator;
  private final RetryPolicy retries;
  private final StepDispatcher steps;
  private final CallRunner calls;

  StepRunner(Schedule schedule, RunSettings settings, RunCoordinator coordinator,
      StepDispatcher steps, CallRunner calls, RetryPolicy retries) {
    this.schedule = schedule;
    this.settings = settings;
    this.coordinator = coordinator;
    this.retries = retries;
    this.steps = steps;
    this.calls = calls;
  }

  /**
   * Runs the step on its scope thread, which {@link PipelineRun} named after it, unless the thread
   * of a dependency took it; then each step this thread takes next ({@link #continueWith}).
   */
  void run(int index) {
    DependencyGates.Passage passage = coordinator.gates().await(index);
    if (passage == DependencyGates.Passage.TAKEN) {
      return; // the thread that took it runs it
    }
    boolean handedOver = false;
    try {
      // An interrupt at the gate means the run stopped before this step could start.
      handedOver = runStep(index, passage == DependencyGates.Passage.OPEN);
    } finally {
      if (!handedOver) {
        continueWith(index); // even after an exception of Braid's own, lest a taken step never run
      }
    }
  }

  /** Goes on with a step whose inline attempt the run abandoned, on the thread it was handed to. */
  void resume(Attempt abandoned) {
    int index = abandoned.index();
    boolean handedOver = false;
    try {
      handedOver = runAttempts(index, abandoned.context().attempt(),
          ended(abandoned, coordinator.clock().nanos()));
    } finally {
      if (!handedOver) {
        coordinator.stepTaskEnded(index);
      }
      coordinator.clock().idle(); // counted busy by RunCoordinator.handOver
    }
    if (!handedOver) {
      continueWith(index);
    }
  }

  /**
   * Runs step {@code index} on the thread holding it, if {@code open}, else ends its task; true if
   * the step was handed to another thread.
   */
  private boolean runStep(int index, boolean open) {
    coordinator.inFlight().hold(index);
    boolean handedOver = false;
    try {
      if (open && !coordinator.stopping() && shouldRun(index) && coordinator.begin(index)) {
        handedOver = runAttempts(index, 1, null);
      }
    } finally {
      if (!handedOver) {
        coordinator.stepTaskEnded(index);
      }
      coordinator.gates().leave(index);
    }
    return handedOver;
  }

  /**
   * Runs, on this thread, each step that the end of the one before let go and this thread took
   * ({@link DependencyGates#takeNext}), from the one {@code ended} let go, renamed after each, so
   * that a chain runs on one thread.
   */
  private void continueWith(int ended) {
    RuntimeException thrown = null;
    for (int step = coordinator.gates().takeNext(ended); step != DependencyGates.NONE;
        step = coordinator.gates().takeNext(step)) {
      Thread.currentThread().setName(coordinator.threadName(step));
      try {
        if (runStep(step, true)) {
          break;
        }
      } catch (RuntimeException e) { // Braid's own: a step's code cannot throw here
        if (thrown == null) {
          thrown = e;
        } else {
          thrown.addSuppressed(e);
        }
      }
    }
    if (thrown != null) {
      throw thrown;
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
    if (!coordinator.deciding(index)) {
      return false;
    }
    boolean run;
    try {
      run = steps.shouldRun(index, coordinator.outputs());
    } catch (Throwable failure) {
      if (coordinator.begin(index)) {
        coordinator.failed(index, failure);
      }
      return false;
    } finally {
      coordinator.decided(index);
    }
    if (!run) {
      coordinator.ended(index, StepStatus.SKIPPED);
    }
    return run;
  }

  /**
   * Runs attempts from number {@code first} on, the first of them already ended as {@code pending}
   * says if that is given, until the step ends; true if the step was handed to another thread.
   */
  private boolean runAttempts(int index, int first, @Nullable AttemptEnd pending) {
    StepPlan step = schedule.step(index);
    StepSettings stepSettings = settings.step(index);
    AttemptEnd next = pending;
    for (int number = first; ; number++) {
      AttemptEnd end = next != null ? next : runAttempt(index, number);
      next = null;
      if (end instanceof AttemptEnd.HandedOver) {
        return true;
      }
      if (end instanceof AttemptEnd.StepEnded) {
        return false;
      }
      if (!(end instanceof AttemptEnd.Recorded recorded)) {
        if (number == 1) {
          coordinator.ended(index, StepStatus.NOT_STARTED);
        } else {
          coordinator.ended(index, StepStatus.CANCELLED);
        }
        return false;
      }
      if (!(recorded instanceof AttemptEnd.Succeeded)) {
        coordinator.attemptEnded(index, recorded); // a success is recorded with the step's end
      }
      switch (recorded) {
        case AttemptEnd.Succeeded succeeded -> {
          coordinator.succeeded(index, succeeded);
          return false;
        }
        case AttemptEnd.StoppedEarly stoppedEarly -> {
          coordinator.stoppedEarly(index, stoppedEarly.state());
          return false;
        }
        case AttemptEnd.Cancelled cancelled -> {
          coordinator.ended(index, StepStatus.CANCELLED);
          return false;
        }
        case AttemptEnd.Failed failed -> {
          Throwable failure = failed.failure();
          if (coordinator.stopping() || failed.retriesSpent()
              || !RetryPolicy.shouldRetry(step, stepSettings, number, failure)) {
            coordinator.failed(index, failure);
            return false;
          }
          Duration pause = retries.pause(stepSettings, number);
          long deadline = coordinator.deadlineNanos();
          long now = coordinator.clock().nanos();
          if (deadline != RunClock.NONE && RunClock.after(now, pause) >= deadline) {
            if (now >= deadline) {
              // Passed already; its alarm is on its way.
              coordinator.stop(RunCoordinator.Stop.DEADLINE);
            }
            coordinator.failed(index, failure); // the retry could not start before the deadline
            return false;
          }
          coordinator.tell(heard -> heard.retrying(index, failed.record(), pause));
          if (!sleep(coordinator.clock(), pause) || coordinator.stopping()) {
            coordinator.ended(index, StepStatus.CANCELLED);
            return false;
          }
        }
      }
    }
  }

  /**
   * Runs attempt {@code number} of step {@code index} and says how it ended; {@link
   * AttemptEnd.HandedOver} if the run abandoned it meanwhile and another thread holds the step,
   * {@link AttemptEnd.StepEnded} if it succeeded and the step ended with it.
   * An interruptible step's attempt runs inline: plainly when it has neither timeout nor deadline,
   * else as an {@link Attempt} the run's {@link AttemptWatch} times. An uninterruptible step's
   * attempt runs on a thread of its own.
   */
  private AttemptEnd runAttempt(int index, int number) {
    StepPlan step = schedule.step(index);
    Duration timeout = settings.step(index).timeout();
    // The first attempt starts when the step does, so that their recorded times agree.
    long startNanos =
        number == 1 ? coordinator.progress(index).startedNanos : coordinator.clock().nanos();
    long timeoutNanos = timeout == null ? RunClock.NONE : RunClock.after(startNanos, timeout);
    long limit = Math.min(coordinator.deadlineNanos(), timeoutNanos);
    AttemptContext context = new AttemptContext(calls, schedule.pipelineName(), step.name(), index,
        number, coordinator.clock(), limit);
    if (!step.interruptible()) {
      Attempt attempt = Attempt.ownThread(coordinator.lock(), context, startNanos, timeoutNanos,
          coordinator.threadName(index), () -> steps.run(index, coordinator.outputs(), context));
      if (!coordinator.inFlight().startOwnThread(attempt, schedule.size())) {
        return AttemptEnd.NOT_STARTED;
      }
      try {
        attempt.await();
      } finally {
        coordinator.inFlight().ownThreadOver(attempt);
      }
      return ended(attempt, coordinator.clock().nanos());
    }
    if (limit != RunClock.NONE) {
      return runWatched(Attempt.inline(coordinator.lock(), context, startNanos, timeoutNanos));
    }
    Object value;
    try {
      value = steps.run(index, coordinator.outputs(), context);
    } catch (Throwable thrown) {
      return plain(context, null, thrown, startNanos);
    }
    if (!step.conversational()) {
      // The common case, classified at once: an inline success.
      return AttemptEnd.succeeded(context, value, startNanos, coordinator.clock().nanos(), false);
    }
    return plain(context, value, null, startNanos);
  }

  /** Runs an inline attempt that the run's watch can time out and abandon. */
  private AttemptEnd runWatched(Attempt attempt) {
    AttemptContext context = attempt.context();
    if (!coordinator.inFlight().startInline(attempt)) {
      return coordinator.inFlight().withdraw(attempt)
          ? AttemptEnd.NOT_STARTED
          : AttemptEnd.HANDED_OVER;
    }
    Object value = null;
    Throwable thrown = null;
    try {
      value = steps.run(context.index(), coordinator.outputs(), context);
    } catch (Throwable t) {
      thrown = t;
    }
    int index = context.index();
    return coordinator.attemptFinished(attempt, value, thrown, settings.step(index),
        schedule.step(index).conversational());
  }

  /** Classifies an attempt that ended or was abandoned. */
  private AttemptEnd ended(Attempt attempt, long endNanos) {
    int index = attempt.index();
    return attempt.end(settings.step(index), schedule.step(index).conversational(),
        coordinator.stopping(), endNanos);
  }

  /** Classifies a plain inline attempt, which nothing could interrupt or abandon. */
  private AttemptEnd plain(AttemptContext context, @Nullable Object value,
      @Nullable Throwable failure, long startNanos) {
    int index = context.index();
    return AttemptEnd.of(context, settings.step(index), schedule.step(index).conversational(),
        value, failure, failure != null && RunClock.interruptedBy(failure), AttemptState.RUNNING,
        false, false, coordinator.stopping(), startNanos, coordinator.clock().nanos());
  }

  /** Sleeps; false if interrupted meanwhile, with the interrupt consumed. */
  private static boolean sleep(RunClock clock, Duration pause) {
    if (pause.isZero()) {
      return !Thread.interrupted();
    }
    try {
      clock.sleep(RunClock.nanos(pause));
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
