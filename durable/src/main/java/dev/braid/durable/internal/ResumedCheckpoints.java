package dev.braid.durable.internal;

import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which checkpoints of a run that stopped early stay valid when it resumes with new inputs. Both
 * resumes ask here: {@code DurableRuns.resume} with the pipeline's classes, before it queues the
 * run, and the worker that claims a run answered without them. The rule itself is the runtime's
 * ({@link PipelineDefinition#reusableSteps}), so a durable resume keeps what {@code
 * executor.resume} would reuse in one process.
 */
public final class ResumedCheckpoints {
  private ResumedCheckpoints() {}

  /**
   * The steps of run {@code id} whose checkpoints, {@code stored}, the resume keeps: those that
   * saw, directly or through their dependencies, no input that differs between {@code before}
   * (the inputs the run stopped with) and {@code after} (the answer's).
   *
   * @throws dev.braid.durable.CheckpointException if a checkpoint cannot be read back as its type
   */
  public static Set<String> kept(PipelineDefinition<?> pipeline, String id,
      List<Checkpoint> stored, @Nullable Object[] before, @Nullable Object[] after) {
    PipelineResult<?> previous = StoredResults.fromCheckpoints(pipeline, id, stored, before);
    return pipeline.reusableSteps(previous, after);
  }

  /**
   * The error of run {@code id}, which stopped early at {@code stoppedAt}, a step that {@code
   * pipeline} no longer has: nothing can take its answer, so it cannot be resumed.
   */
  public static String removedStep(PipelineDefinition<?> pipeline, String id, String stoppedAt,
      @Nullable String startedVersion) {
    return "Durable run " + id + " stopped early at step '" + stoppedAt + "', which version "
        + pipeline.version() + " of pipeline '" + pipeline.name() + "' no longer has (the run"
        + " started on version " + startedVersion + "; its steps are now "
        + pipeline.stepTypes().keySet() + "), so it cannot be resumed and is FAILED; submit a"
        + " new run";
  }
}
