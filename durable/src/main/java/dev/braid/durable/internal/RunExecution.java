package dev.braid.durable.internal;

import dev.braid.durable.CheckpointException;
import dev.braid.durable.DurablePipeline;
import dev.braid.durable.RunStatus;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.CallGate;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.internal.StepSlots;
import dev.braid.runtime.time.TimeSource;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs one claimed run on the calling thread: reads its inputs and checkpoints back, runs the
 * pipeline — resuming from the checkpoints, so that checkpointed steps are {@code REUSED} rather
 * than run again — while checkpointing each step that succeeds, and says how it ended. Writes no
 * outcome itself: the worker does, knowing whether it still holds the lease.
 */
public final class RunExecution {
  private static final System.Logger LOG = System.getLogger(RunExecution.class.getName());

  /**
   * How a run ended.
   *
   * @param interrupted whether the run ended because its thread was interrupted, which the worker
   *     reads as a cancel, a lost lease or a shutdown
   * @param details the details of the conversation state that stopped the run, as a JSON object
   * @param errorTrace the stack trace of what a failed run threw
   * @param timeline every step's attempts as JSON, written by {@link RunTimeline}, when the run
   *     left a result or a partial result to read them from
   */
  public record Outcome(RunStatus status, @Nullable String result, @Nullable String error,
      boolean interrupted, @Nullable String stoppedAt, @Nullable String question,
      @Nullable String state, @Nullable String details, @Nullable String errorTrace,
      @Nullable String timeline) {

    /** An outcome without conversation details, a stack trace or a timeline. */
    public Outcome(RunStatus status, @Nullable String result, @Nullable String error,
        boolean interrupted, @Nullable String stoppedAt, @Nullable String question,
        @Nullable String state) {
      this(status, result, error, interrupted, stoppedAt, question, state, null, null, null);
    }

    /** A run that failed because it threw {@code thrown}, which is described as {@code error}. */
    static Outcome failed(String error, Throwable thrown) {
      return new Outcome(RunStatus.FAILED, null, error, false, null, null, null, null,
          ErrorTrace.of(thrown), RunTimeline.of(partialResult(thrown)));
    }

    /** This outcome, failed for {@code reason} instead, its timeline kept. */
    Outcome failedInstead(String reason) {
      return new Outcome(RunStatus.FAILED, null, reason, false, null, null, null, null, null,
          timeline);
    }

    /** A run that ended without output and without a conversation to resume. */
    public static Outcome ended(RunStatus status, @Nullable String error, boolean interrupted) {
      return new Outcome(status, null, error, interrupted, null, null, null);
    }

    /**
     * A run that could not start because the database failed, which says nothing about the run
     * itself: {@code QUEUED}, for the worker to put it back in the queue. {@code error} says
     * what failed.
     */
    static Outcome requeued(String error) {
      return new Outcome(RunStatus.QUEUED, null, error, false, null, null, null);
    }
  }

  private final DurablePipeline pipeline;
  private final Claim claim;
  private final String owner;
  private final CheckpointTable checkpoints;
  private final StepSlots limits;
  private final CallGate gate;
  private final Runnable stepsStarted;
  private final TimeSource time;
  private final Object abortLock = new Object();
  private @Nullable Thread runner; // guarded by abortLock
  private @Nullable String abortReason; // guarded by abortLock

  /**
   * An execution of {@code claim}; {@code stepsStarted} runs on the thread of the run's first
   * attempt, as it starts, and at most once: a worker on a virtual time source hands its count of
   * the run's thread over to the engine's count of the steps there. {@code time} dates the
   * model calls it stores.
   */
  public RunExecution(DurablePipeline pipeline, Claim claim, String owner,
      CheckpointTable checkpoints, StepSlots limits, CallGate gate, Runnable stepsStarted,
      TimeSource time) {
    this.time = time;
    this.limits = limits;
    this.gate = gate;
    this.stepsStarted = stepsStarted;
    this.pipeline = pipeline;
    this.claim = claim;
    this.owner = owner;
    this.checkpoints = checkpoints;
  }

  /**
   * Runs the run on the calling thread and says how it ended: {@code FAILED} with the reason if
   * {@link #abort} was called meanwhile.
   */
  public Outcome run() {
    synchronized (abortLock) {
      runner = Thread.currentThread();
    }
    Outcome outcome = execute();
    synchronized (abortLock) {
      runner = null;
      if (abortReason != null) {
        return outcome.failedInstead(abortReason);
      }
    }
    return outcome;
  }

  /**
   * Stops the run because it cannot be made durable, for example because a step's output cannot
   * be stored: interrupts it, and makes it end {@code FAILED} with {@code reason}. No effect once
   * the run has returned, so a late call never interrupts the worker's own writes.
   */
  void abort(String reason) {
    synchronized (abortLock) {
      if (runner != null && abortReason == null) {
        abortReason = reason;
        runner.interrupt();
      }
    }
  }

  private Outcome execute() {
    PipelinePlan plan = pipeline.engine().plan();
    try {
      @Nullable Object[] inputs = inputs();
      String removed = removedStoppedStep();
      if (removed != null) {
        return Outcome.ended(RunStatus.FAILED, removed, false);
      }
      @Nullable PipelineResult<Object> previous = previous(inputs);
      CapturingDispatcher steps =
          new CapturingDispatcher(limits.apply(pipeline.dispatcher(inputs), plan), plan);
      RunOptions options = pipeline.options().toBuilder()
          .runId(claim.id())
          .callGate(gate)
          .listener(new CheckpointListener(checkpoints, claim, owner, steps,
              pipeline.definition(), this::abort, stepsStarted,
              new AttemptLog(claim.attempt(), owner, time)))
          .build();
      PipelineResult<Object> result = previous == null
          ? pipeline.engine().execute(options, inputs, steps)
          : pipeline.engine().resume(previous, options, inputs, steps);
      if (result.stoppedEarly()) {
        String step = result.stoppedAt().orElseThrow();
        ConversationState<?> state = result.conversationState().orElseThrow();
        return new Outcome(RunStatus.STOPPED_EARLY, null, "stopped early at step '" + step
            + "': " + state.context(), false, step, state.context(),
            Json.write(state.data(), pipeline.stepType(step)), Json.write(state.details()),
            null, RunTimeline.of(result));
      }
      return new Outcome(RunStatus.SUCCEEDED,
          Json.write(result.output(), pipeline.definition().outputType()), null, false, null,
          null, null, null, null, RunTimeline.of(result));
    } catch (RunCancelledException e) {
      return new Outcome(RunStatus.CANCELLED, null, e.getMessage(), true, null, null, null,
          null, null, RunTimeline.of(partialResult(e)));
    } catch (BraidException e) {
      return Outcome.failed(describe(e), e);
    } catch (RuntimeException e) {
      return Outcome.failed(describe(e), e);
    } catch (SQLException e) {
      return Outcome.requeued("could not read the checkpoints of durable run " + claim.id()
          + " (pipeline '" + plan.name() + "'): " + e.getMessage());
    }
  }

  private @Nullable Object[] inputs() {
    try {
      return Json.readArray(claim.inputsJson(), pipeline.inputTypes());
    } catch (RuntimeException e) {
      String now = CheckpointVersions.inputTypeNames(pipeline.definition());
      boolean changed = claim.inputTypes() != null && !claim.inputTypes().equals(now);
      throw new CheckpointException("The inputs of durable run " + claim.id() + " of pipeline '"
          + pipeline.name() + "' cannot be read as " + now
          + (changed ? ": the run started on version " + claim.version() + " with inputs "
              + claim.inputTypes() + ", and version " + pipeline.definition().version()
              + " takes " + now + " instead" : "")
          + " (" + firstLine(e.getMessage()) + "); submit the run again with inputs of the new"
          + " types", e);
    }
  }

  /**
   * The error of a run answered without the pipeline's classes at a step this build of the
   * pipeline no longer has, which nothing can take the answer of; null for any other run.
   */
  private @Nullable String removedStoppedStep() {
    PendingResume pending = claim.pendingResume();
    if (pending == null || pending.stoppedAt() == null
        || pipeline.definition().stepTypes().containsKey(pending.stoppedAt())) {
      return null;
    }
    return ResumedCheckpoints.removedStep(pipeline.definition(), claim.id(), pending.stoppedAt(),
        claim.version());
  }

  /**
   * The result the reusable checkpoints amount to, for {@code resume}; null when there are none.
   * Deletes the checkpoints this build of the pipeline must run again, so that their steps can
   * store new ones: those of changed steps, and for a run answered without the pipeline's
   * classes, those of the steps that see an input the answer changed.
   */
  private @Nullable PipelineResult<Object> previous(@Nullable Object[] inputs)
      throws SQLException {
    List<Checkpoint> stored = checkpoints.read(claim.id());
    CheckpointVersions.Sorted sorted = CheckpointVersions.sort(pipeline.definition(), stored);
    if (!sorted.stale().isEmpty()) {
      LOG.log(Level.INFO, "Durable run " + claim.id() + " of pipeline '" + pipeline.name()
          + "' started on version " + (claim.version() != null ? claim.version() : "unknown")
          + " and resumes on version "
          + pipeline.definition().version() + ": " + String.join("; ", sorted.changes()));
    }
    List<Checkpoint> reusable = sorted.reusable();
    PendingResume pending = claim.pendingResume();
    if (pending != null) {
      Set<String> kept = kept(pending, reusable, inputs);
      Set<String> dropped = new LinkedHashSet<>(sorted.stale());
      reusable.stream().map(Checkpoint::step).filter(step -> !kept.contains(step))
          .forEach(dropped::add);
      reusable = reusable.stream().filter(checkpoint -> kept.contains(checkpoint.step()))
          .toList();
      checkpoints.settlePendingResume(claim, owner, dropped);
    } else if (!sorted.stale().isEmpty()) {
      checkpoints.delete(claim, owner, sorted.stale());
    }
    return reusable.isEmpty() ? null
        : StoredResults.fromCheckpoints(definition(), claim.id(), reusable, inputs);
  }

  /**
   * The steps of {@code reusable} whose checkpoints the answer of a pending resume leaves valid:
   * none if the inputs the run stopped with no longer read as this build's input types, as then
   * nothing says what changed.
   */
  private Set<String> kept(PendingResume pending, List<Checkpoint> reusable,
      @Nullable Object[] inputs) {
    @Nullable Object[] before;
    try {
      before = Json.readArray(pending.previousInputsJson(), pipeline.inputTypes());
    } catch (RuntimeException e) {
      LOG.log(Level.INFO, "Durable run " + claim.id() + " of pipeline '" + pipeline.name()
          + "' was answered, but the inputs it stopped with no longer read as "
          + CheckpointVersions.inputTypeNames(pipeline.definition())
          + ", so every step runs again (" + firstLine(e.getMessage()) + ")");
      return Set.of();
    }
    return ResumedCheckpoints.kept(pipeline.definition(), claim.id(), reusable, before, inputs);
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @SuppressWarnings("unchecked")
  private PipelineDefinition<Object> definition() {
    return (PipelineDefinition<Object>) pipeline.definition();
  }

  private static @Nullable PipelineResult<?> partialResult(Throwable thrown) {
    return thrown instanceof BraidException braid ? braid.partialResult().orElse(null) : null;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    Throwable cause = e.getCause();
    return e instanceof BraidException && cause != null
        ? message + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
        : message;
  }
}
