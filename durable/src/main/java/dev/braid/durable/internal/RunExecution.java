package dev.braid.durable.internal;

import dev.braid.durable.CheckpointException;
import dev.braid.durable.DurablePipeline;
import dev.braid.durable.RunStatus;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs one claimed run on the calling thread: reads its inputs and checkpoints back, runs the
 * pipeline — resuming from the checkpoints, so that checkpointed steps are {@code REUSED} rather
 * than run again — while checkpointing each step that succeeds, and says how it ended. Writes no
 * outcome itself: the worker does, knowing whether it still holds the lease.
 */
public final class RunExecution {

  /**
   * How a run ended.
   *
   * @param interrupted whether the run ended because its thread was interrupted, which the worker
   *     reads as a cancel, a lost lease or a shutdown
   */
  public record Outcome(RunStatus status, @Nullable String result, @Nullable String error,
      boolean interrupted) {}

  private final DurablePipeline pipeline;
  private final Claim claim;
  private final String owner;
  private final CheckpointTable checkpoints;

  public RunExecution(DurablePipeline pipeline, Claim claim, String owner,
      CheckpointTable checkpoints) {
    this.pipeline = pipeline;
    this.claim = claim;
    this.owner = owner;
    this.checkpoints = checkpoints;
  }

  public Outcome run() {
    PipelinePlan plan = pipeline.engine().plan();
    try {
      @Nullable Object[] inputs = inputs();
      @Nullable PipelineResult<Object> previous = previous(plan, inputs);
      CapturingDispatcher steps = new CapturingDispatcher(pipeline.dispatcher(inputs), plan);
      RunOptions options = pipeline.options().toBuilder()
          .listener(new CheckpointListener(checkpoints, claim, owner, steps, plan))
          .build();
      PipelineResult<Object> result = previous == null
          ? pipeline.engine().execute(options, inputs, steps)
          : pipeline.engine().resume(previous, options, inputs, steps);
      if (result.stoppedEarly()) {
        return new Outcome(RunStatus.STOPPED_EARLY, null, "stopped early at step '"
            + result.stoppedAt().orElseThrow() + "': "
            + result.conversationState().orElseThrow().context(), false);
      }
      return new Outcome(RunStatus.SUCCEEDED, Json.write(result.output()), null, false);
    } catch (RunCancelledException e) {
      return new Outcome(RunStatus.CANCELLED, null, e.getMessage(), true);
    } catch (BraidException e) {
      return new Outcome(RunStatus.FAILED, null, describe(e), false);
    } catch (RuntimeException e) {
      return new Outcome(RunStatus.FAILED, null, describe(e), false);
    } catch (SQLException e) {
      return new Outcome(RunStatus.FAILED, null, "Could not read the checkpoints of durable run "
          + claim.id() + " of pipeline '" + plan.name() + "': " + e.getMessage(), false);
    }
  }

  private @Nullable Object[] inputs() {
    try {
      return Json.readArray(claim.inputsJson(), pipeline.inputTypes());
    } catch (RuntimeException e) {
      throw new CheckpointException("The inputs of durable run " + claim.id() + " of pipeline '"
          + pipeline.name() + "' cannot be read as " + pipeline.inputTypes() + ": "
          + e.getMessage(), e);
    }
  }

  /** The result the checkpoints amount to, for {@code resume}; null when there are none. */
  private @Nullable PipelineResult<Object> previous(PipelinePlan plan, @Nullable Object[] inputs)
      throws SQLException {
    List<Checkpoint> stored = checkpoints.read(claim.id());
    if (stored.isEmpty()) {
      return null;
    }
    Map<String, Checkpoint> byStep = new HashMap<>();
    stored.forEach(checkpoint -> byStep.put(checkpoint.step(), checkpoint));
    PipelineResult.Builder<Object> previous = PipelineResult.builder(plan.name());
    List<StepRecord> records = new ArrayList<>();
    for (StepPlan step : plan.steps()) {
      Checkpoint checkpoint = byStep.remove(step.name());
      if (checkpoint == null) {
        records.add(StepRecord.notStarted(step.name()));
        continue;
      }
      previous.stepOutput(step.name(), read(checkpoint));
      records.add(new StepRecord(step.name(), StepStatus.SUCCEEDED, List.of(), null, null, null,
          false, false, checkpoint.usage(), List.of()));
    }
    if (!byStep.isEmpty()) {
      throw new CheckpointException("Durable run " + claim.id() + " has checkpoints of steps "
          + byStep.keySet() + " that pipeline '" + plan.name() + "' does not have; was the"
          + " pipeline changed while the run was in flight? Cancel the run and submit it again",
          null);
    }
    Instant first = stored.getFirst().finishedAt();
    return previous.steps(records).times(first, stored.getLast().finishedAt())
        .inputs(inputs).build();
  }

  private @Nullable Object read(Checkpoint checkpoint) {
    try {
      return Json.read(checkpoint.outputJson(), pipeline.stepType(checkpoint.step()));
    } catch (RuntimeException e) {
      throw new CheckpointException("The checkpoint of step '" + checkpoint.step()
          + "' of durable run " + claim.id() + " (pipeline '" + pipeline.name() + "') cannot be"
          + " read as " + pipeline.stepType(checkpoint.step()).getTypeName() + ": "
          + firstLine(e.getMessage()) + "; delete that row of braid_step_checkpoints to run the"
          + " step again, or cancel the run", e);
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    Throwable cause = e.getCause();
    return e instanceof BraidException && cause != null
        ? message + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
        : message;
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
