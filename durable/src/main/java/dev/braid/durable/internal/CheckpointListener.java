package dev.braid.durable.internal;

import dev.braid.durable.StoredAttempt;
import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.PipelinePlan;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Stores the output of each step that succeeds, on the step's thread before its dependents hear
 * of it, fenced by the worker's claim. An output that cannot be written as JSON, or whose class
 * cannot be read back as the step's type (tried the first time each class is stored as that type,
 * {@link Json#writeCheckpoint}), fails the run at once, saying which step and type, since no
 * takeover could resume from it. A write that fails in the database is logged and the run goes
 * on: the step then runs again if the run is ever taken over.
 *
 * <p>Stores each attempt too, with its model calls ({@link AttemptLog}): one that did not succeed
 * as soon as it ends, so that a running run shows its retries and errors; one that succeeded with
 * its step's checkpoint, by the same statement.
 */
final class CheckpointListener implements RunListener {
  private static final System.Logger LOG = System.getLogger(CheckpointListener.class.getName());

  private final CheckpointTable checkpoints;
  private final Claim claim;
  private final String owner;
  private final CapturingDispatcher steps;
  private final Map<String, Integer> indexes = new HashMap<>();
  private final Consumer<String> abort;
  private final PipelineDefinition<?> pipeline;
  private final Runnable stepsStarted;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AttemptLog attempts;
  /** Each step's successful attempt, until its step ends and it is stored with the checkpoint. */
  private final Map<String, StoredAttempt> succeeded = new ConcurrentHashMap<>();

  CheckpointListener(CheckpointTable checkpoints, Claim claim, String owner,
      CapturingDispatcher steps, PipelineDefinition<?> pipeline, Consumer<String> abort,
      Runnable stepsStarted, AttemptLog attempts) {
    this.attempts = attempts;
    this.abort = abort;
    this.stepsStarted = stepsStarted;
    this.pipeline = pipeline;
    PipelinePlan plan = pipeline.plan();
    this.checkpoints = checkpoints;
    this.claim = claim;
    this.owner = owner;
    this.steps = steps;
    plan.steps().forEach(step -> indexes.put(step.name(), step.index()));
  }

  @Override
  public Scope attemptStarted(StepEvent attempt) {
    if (started.compareAndSet(false, true)) {
      stepsStarted.run();
    }
    return Scope.NONE;
  }

  @Override
  public CallScope modelCallStarted(StepEvent attempt, String model) {
    return attempts.callStarted(attempt, model);
  }

  @Override
  public void attemptEnded(StepEvent attempt, AttemptRecord record) {
    StoredAttempt row = attempts.ended(attempt, record);
    if (record.outcome() == AttemptOutcome.SUCCEEDED) {
      succeeded.put(attempt.stepName(), row);
    } else {
      store(row);
    }
  }

  @Override
  public void stepEnded(StepEvent step, StepRecord record) {
    StoredAttempt success = succeeded.remove(step.stepName());
    if (record.status() != StepStatus.SUCCEEDED || !checkpoint(step, record, success)) {
      if (success != null) {
        store(success);
      }
    }
  }

  private void store(StoredAttempt attempt) {
    try {
      checkpoints.write(claim, owner, attempt);
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "Could not store attempt " + attempt.number() + " of step '"
          + attempt.step() + "' of pipeline '" + pipeline.plan().name() + "' (durable run "
          + claim.id() + ")", e);
    }
  }

  /**
   * Stores the step's checkpoint, and {@code success} with it; false if there was nothing to
   * store, so {@code success} is still to be stored.
   */
  private boolean checkpoint(StepEvent step, StepRecord record, @Nullable StoredAttempt success) {
    int index = indexes.get(step.stepName());
    if (!steps.returned(index, step.attempt())) {
      LOG.log(Level.WARNING, "Step ''{0}'' of pipeline ''{1}'' (durable run {2}) succeeded but"
          + " its output was not seen; it is not checkpointed", step.stepName(),
          step.pipelineName(), claim.id());
      return false;
    }
    Object output = steps.output(index);
    String json;
    try {
      // A takeover must read it back: an interface or a lambda writes as {} and reads as nothing.
      json = Json.writeCheckpoint(output, pipeline.stepType(step.stepName()));
    } catch (JacksonException e) {
      abort.accept("Step '" + step.stepName() + "' of durable pipeline '" + step.pipelineName()
          + "' returned a " + (output == null ? "null" : output.getClass().getName())
          + ", which cannot be stored as JSON and read back as "
          + pipeline.stepType(step.stepName()).getTypeName() + " (" + e.getOriginalMessage()
          + "), so durable run " + claim.id() + " cannot be checkpointed; return a record or a"
          + " value class, and mark the pipeline @Pipeline(durable = true) to have such types"
          + " reported at compile time");
      return false;
    }
    try {
      Instant finished = record.finishedAt() != null ? record.finishedAt() : Instant.now();
      Checkpoint checkpoint = new Checkpoint(step.stepName(), json, record.usage(),
          record.startedAt(), finished, Math.max(1, record.attemptCount()),
          pipeline.stepFingerprints().get(step.stepName()));
      if (success == null) {
        checkpoints.write(claim, owner, checkpoint);
      } else {
        checkpoints.write(claim, owner, checkpoint, success);
      }
    } catch (Exception | LinkageError e) {
      // An Error escaping a listener would end the step's thread without ending the step.
      LOG.log(Level.WARNING, "Could not checkpoint step '" + step.stepName() + "' of pipeline '"
          + step.pipelineName() + "' (durable run " + claim.id() + ")", e);
    }
    return true;
  }
}
