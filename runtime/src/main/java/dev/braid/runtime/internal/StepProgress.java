package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one step has done so far in one run. Written by the {@link RunCoordinator}'s transitions,
 * under its lock (but for {@link #running} as the step begins), on the thread holding the step.
 * Read under that lock, or without it once the reader is ordered after the writes: a dependent
 * once its {@link DependencyGates} gate opened (released after the step's last transition), the
 * step's own thread, and the caller of {@code execute} once the run has settled and every thread
 * holding a step has ended.
 */
final class StepProgress {
  StepStatus status = StepStatus.NOT_STARTED;
  /**
   * The records of the attempts so far but a success: immutable while there is one, then an
   * ArrayList. Read them with {@link #attempts()}.
   */
  private List<AttemptRecord> attempts = List.of();
  /** The attempt that succeeded, whose record is made when read; null until one has. */
  private AttemptEnd.@Nullable Succeeded succeeded;
  long startedNanos;
  long finishedNanos;
  /** Whether the step ended when its last attempt did, so that they share their recorded time. */
  boolean endedWithAttempt;
  @Nullable Object output;
  @Nullable Throwable failure;
  boolean abandoned;
  boolean shielded;
  /**
   * The child runs the step started, in the order they ended: an immutable list, replaced under
   * the lock and volatile, so that the step's record reads it without the lock.
   */
  volatile List<PipelineResult<?>> children = List.of();
  /**
   * Between the first attempt's start and the step's end, retry pauses included. Volatile, as
   * {@link RunCoordinator#begin} sets it without the lock.
   */
  volatile boolean running;
  /** While the step's condition is being evaluated, before the step begins or is skipped. */
  boolean deciding;
  /** Whether the run counted the step's task as ended: with its end, or as its thread ended. */
  boolean taskEnded;

  /** The progress of each step of a new run: none yet, but for the steps {@code resume} reuses. */
  static StepProgress[] forRun(int size, @Nullable ResumePlan resume) {
    StepProgress[] steps = new StepProgress[size];
    for (int i = 0; i < size; i++) {
      steps[i] = new StepProgress();
      if (resume != null && resume.reused(i)) {
        steps[i].status = StepStatus.REUSED;
        steps[i].output = resume.output(i);
      }
    }
    return steps;
  }

  /** The names of the steps running now, in declaration order; under the run's lock. */
  static List<String> running(StepProgress[] steps, Schedule schedule) {
    List<String> running = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      if (steps[i].running) {
        running.add(schedule.step(i).name());
      }
    }
    return List.copyOf(running);
  }

  /** Keeps a child run the step started; under the run's lock. */
  void addChild(PipelineResult<?> child) {
    List<PipelineResult<?>> more = new ArrayList<>(children);
    more.add(child);
    children = List.copyOf(more);
  }

  /**
   * Keeps an attempt that ended, as the run treated it. A success ends its step, so it is the last;
   * its record is made when {@link #attempts()} is read.
   */
  void attempted(AttemptEnd.Recorded attempt) {
    if (attempt instanceof AttemptEnd.Succeeded success) {
      succeeded = success;
    } else {
      AttemptRecord record = attempt.record();
      if (attempts.isEmpty()) {
        attempts = List.of(record);
      } else {
        if (attempts.size() == 1) {
          attempts = new ArrayList<>(attempts);
        }
        attempts.add(record);
      }
    }
    abandoned |= attempt.abandoned();
    shielded |= attempt.shielded();
  }

  /** The records of the attempts that ended, in order. */
  List<AttemptRecord> attempts() {
    AttemptEnd.Succeeded last = succeeded;
    if (last == null) {
      return attempts;
    }
    if (attempts.isEmpty()) {
      return List.of(last.record());
    }
    List<AttemptRecord> all = new ArrayList<>(attempts.size() + 1);
    all.addAll(attempts);
    all.add(last.record());
    return all;
  }

  /** How many attempts ended. */
  int attemptCount() {
    return attempts.size() + (succeeded == null ? 0 : 1);
  }

  /** The step ended: with an output if it succeeded, a failure if it failed, else neither. */
  void ended(StepStatus status, long endNanos, @Nullable Object output,
      @Nullable Throwable failure) {
    this.output = output;
    this.failure = failure;
    this.endedWithAttempt = status == StepStatus.SUCCEEDED;
    this.status = status;
    this.finishedNanos = endNanos;
    this.running = false;
  }
}
