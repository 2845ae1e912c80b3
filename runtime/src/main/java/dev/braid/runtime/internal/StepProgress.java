package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one step has done so far in one run. Written only by the step's own thread; a dependent
 * reads it after its latch opens and the run's owner after the scope has joined, both of which
 * order the writes first. {@link #running} is set under {@link RunState}'s lock and cleared
 * without it, so it is volatile for the stopping thread that lists the running steps.
 */
final class StepProgress {
  StepStatus status = StepStatus.NOT_STARTED;
  final List<AttemptRecord> attempts = new ArrayList<>(1);
  long startedNanos;
  long finishedNanos;
  @Nullable Object output;
  @Nullable Throwable failure;
  boolean abandoned;
  boolean shielded;
  /** The child runs the step started; guarded by {@link RunState}'s lock. */
  List<PipelineResult<?>> children = List.of();
  /** Between the first attempt's start and the step's end, retry pauses included. */
  volatile boolean running;
}
