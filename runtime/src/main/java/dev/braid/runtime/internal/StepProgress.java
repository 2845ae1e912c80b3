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
 * RunState#handOver}), which starts after the abandoned thread's last write; a dependent reads it
 * after its latch opens and the caller of {@code execute} after the scope has closed or it has
 * joined the holders, all of which order the writes first. {@link #running} is set under {@link RunState}'s lock and cleared
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
  /** While the step's condition is being evaluated, before the step begins or is skipped. */
  volatile boolean deciding;
}
