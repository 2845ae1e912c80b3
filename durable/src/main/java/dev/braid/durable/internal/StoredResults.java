package dev.braid.durable.internal;

import dev.braid.durable.CheckpointException;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a {@link PipelineResult} from what the database holds of a run: its checkpoints as
 * succeeded steps with their outputs, the other steps as not started, and for an ended run its
 * output or the conversation state it stopped with. A worker resumes from such a result; a caller
 * reads one as the run's outcome. Only the checkpoints that {@link CheckpointVersions} finds this
 * build of the pipeline may reuse are read. Never guesses: a value that cannot be read fails with
 * the row to fix.
 */
public final class StoredResults {
  private StoredResults() {}

  /** The result the checkpoints of run {@code id} amount to, with {@code inputs}. */
  public static <O extends @Nullable Object> PipelineResult<O> fromCheckpoints(
      PipelineDefinition<O> pipeline, String id, List<Checkpoint> stored,
      @Nullable Object[] inputs) {
    PipelineResult.Builder<O> result = PipelineResult.builder(pipeline.name());
    stored = CheckpointVersions.sort(pipeline, stored).reusable();
    result.steps(records(pipeline, id, stored, result)).inputs(inputs);
    if (!stored.isEmpty()) {
      result.times(first(stored), stored.getLast().finishedAt());
    }
    return result.build();
  }

  /**
   * The result of run {@code run}, which ended {@code SUCCEEDED} or {@code STOPPED_EARLY}, with
   * its output or conversation state.
   */
  @SuppressWarnings("unchecked")
  public static <O extends @Nullable Object> PipelineResult<O> ofEnded(
      PipelineDefinition<O> pipeline, StoredRun run, List<Checkpoint> stored) {
    PipelineResult.Builder<O> result = PipelineResult.builder(pipeline.name());
    stored = CheckpointVersions.sort(pipeline, stored).reusable();
    List<StepRecord> records = records(pipeline, run.id(), stored, result);
    if (run.status() == RunStatus.STOPPED_EARLY && run.stoppedAt() != null) {
      String step = run.stoppedAt();
      Object data = run.stateJson() == null ? null
          : read(pipeline, run.id(), step, run.stateJson());
      result.stoppedEarly(step, ConversationState.incomplete(data,
          run.question() == null ? "" : run.question(), run.details()));
      records = records.stream().map(record -> record.name().equals(step)
          ? new StepRecord(step, StepStatus.STOPPED_EARLY, List.of(), null) : record).toList();
    } else if (run.resultJson() != null) {
      result.output((O) read(pipeline, run.id(), pipeline.plan().steps()
          .get(pipeline.plan().outputStep()).name(), run.resultJson()));
    }
    Instant started = stored.isEmpty() ? run.createdAt() : first(stored);
    Instant finished = run.finishedAt() != null ? run.finishedAt() : started;
    return result.steps(records).times(started, finished)
        .inputs(Json.readArray(run.inputsJson(), pipeline.inputTypes())).build();
  }

  private static List<StepRecord> records(PipelineDefinition<?> pipeline, String id,
      List<Checkpoint> stored, PipelineResult.Builder<?> result) {
    PipelinePlan plan = pipeline.plan();
    Map<String, Checkpoint> byStep = new HashMap<>();
    stored.forEach(checkpoint -> byStep.put(checkpoint.step(), checkpoint));
    List<StepRecord> records = new ArrayList<>();
    for (StepPlan step : plan.steps()) {
      Checkpoint checkpoint = byStep.remove(step.name());
      if (checkpoint == null) {
        records.add(StepRecord.notStarted(step.name()));
        continue;
      }
      result.stepOutput(step.name(), read(pipeline, id, step.name(), checkpoint.outputJson()));
      Instant started = checkpoint.startedOrFinishedAt();
      records.add(new StepRecord(step.name(), StepStatus.SUCCEEDED, List.of(), started,
          checkpoint.finishedAt(), null, false, false, checkpoint.usage(), List.of()));
    }
    return records;
  }

  private static @Nullable Object read(PipelineDefinition<?> pipeline, String id, String step,
      String json) {
    try {
      return Json.read(json, pipeline.stepType(step));
    } catch (RuntimeException e) {
      throw new CheckpointException("The checkpoint of step '" + step + "' of durable run " + id
          + " (pipeline '" + pipeline.name() + "') cannot be read as "
          + pipeline.stepType(step).getTypeName() + ": " + firstLine(e.getMessage())
          + "; delete that row of braid_step_checkpoints to run the step again, or cancel the"
          + " run", e);
    }
  }

  private static Instant first(List<Checkpoint> stored) {
    return stored.stream()
        .map(Checkpoint::startedOrFinishedAt)
        .min(Instant::compareTo).orElseThrow();
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
