package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one step has done so far in one run. Written only by the thread holding the step — its
 * scope thread, or the thread it was handed to after an abandoned attempt ({@link
 * RunCoordinator#handOver}), which starts after the abandoned thread's last write; a dependent reads it
 * once its count of dependencies still running reaches zero, and the caller of {@code execute}
 * after the scope has closed or it has joined the holders, all of which order the writes first.
 * {@link #running} is written without {@link RunCoordinator}'s lock, so it is volatile for the stopping
 * thread that lists the running steps.
 */
final class StepProgress {
  StepStatus status = StepStatus.NOT_STARTED;
  /** The attempts so far: immutable while there is one, as for most steps, then an ArrayList. */
  List<AttemptRecord> attempts = List.of();
  long startedNanos;
  long finishedNanos;
  /** Whether the step ended when its last attempt did, so that they share their recorded time. */
  boolean endedWithAttempt;
  @Nullable Object output;
  @Nullable Throwable failure;
  boolean abandoned;
  boolean shielded;
  /**
   * The child runs the step started; written under {@link RunCoordinator}'s lock, and volatile so that
   * a run whose steps started none can tell without taking it.
   */
  volatile List<PipelineResult<?>> children = List.of();
  /** Between the first attempt's start and the step's end, retry pauses included. */
  volatile boolean running;
  /** While the step's condition is being evaluated, before the step begins or is skipped. */
  volatile boolean deciding;

  void addAttempt(AttemptRecord attempt) {
    if (attempts.isEmpty()) {
      attempts = List.of(attempt);
    } else {
      if (attempts.size() == 1) {
        attempts = new ArrayList<>(attempts);
      }
      attempts.add(attempt);
    }
  }
}
