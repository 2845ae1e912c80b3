package dev.braid.durable.internal;

import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.PipelinePlan;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores the output of each step that succeeds, on the step's thread before its dependents hear
 * of it, fenced by the worker's claim. A write that fails is logged and the run goes on: the step
 * then runs again if the run is ever taken over.
 */
final class CheckpointListener implements RunListener {
  private static final System.Logger LOG = System.getLogger(CheckpointListener.class.getName());

  private final CheckpointTable checkpoints;
  private final Claim claim;
  private final String owner;
  private final CapturingDispatcher steps;
  private final Map<String, Integer> indexes = new HashMap<>();

  CheckpointListener(CheckpointTable checkpoints, Claim claim, String owner,
      CapturingDispatcher steps, PipelinePlan plan) {
    this.checkpoints = checkpoints;
    this.claim = claim;
    this.owner = owner;
    this.steps = steps;
    plan.steps().forEach(step -> indexes.put(step.name(), step.index()));
  }

  @Override
  public void stepEnded(StepEvent step, StepRecord record) {
    if (record.status() != StepStatus.SUCCEEDED) {
      return;
    }
    int index = indexes.get(step.stepName());
    if (!steps.returned(index, step.attempt())) {
      LOG.log(Level.WARNING, "Step ''{0}'' of pipeline ''{1}'' (durable run {2}) succeeded but"
          + " its output was not seen; it is not checkpointed", step.stepName(),
          step.pipelineName(), claim.id());
      return;
    }
    try {
      Instant finished = record.finishedAt() != null ? record.finishedAt() : Instant.now();
      checkpoints.write(claim, owner, new Checkpoint(step.stepName(),
          Json.write(steps.output(index)), record.usage(), finished));
    } catch (Exception | LinkageError e) {
      // An Error escaping a listener would end the step's thread without ending the step.
      LOG.log(Level.WARNING, "Could not checkpoint step '" + step.stepName() + "' of pipeline '"
          + step.pipelineName() + "' (durable run " + claim.id() + ")", e);
    }
  }
}
