package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepContext;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StreamChunk;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepOutputs;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Tells one run's {@link RunListener}s what happens in it, turning the engine's indexes into
 * events. A run without listeners has none, so the engine pays for nothing but a null check.
 * Thread-safe.
 */
final class RunObserver {
  private final Listeners listeners;
  private final Schedule schedule;
  private final RunCoordinator state;
  private final RunLedger ledger;
  private final RunEvent run;

  private RunObserver(Listeners listeners, Schedule schedule, RunCoordinator state, RunLedger ledger,
      @Nullable ParentLink parent) {
    this.listeners = listeners;
    this.schedule = schedule;
    this.state = state;
    this.ledger = ledger;
    this.run = new RunEvent(schedule.pipelineName(), state.runId(),
        state.clock().startedAt(), parent == null ? null : parent.runId(), schedule.size());
  }

  /** The observer of a run, or null if no one listens to it. */
  static @Nullable RunObserver of(RunSettings settings, Schedule schedule, RunCoordinator state,
      RunLedger ledger) {
    Listeners listeners = Listeners.of(settings.listeners(), schedule.pipelineName());
    return listeners.active()
        ? new RunObserver(listeners, schedule, state, ledger, settings.parent())
        : null;
  }

  String runId() {
    return run.runId();
  }

  /** {@code steps} with each attempt's code inside the listeners' attempt scopes. */
  StepDispatcher observing(StepDispatcher steps) {
    return new StepDispatcher() {
      @Override
      public @Nullable Object run(int step, StepOutputs outputs, StepContext context)
          throws Exception {
        try (RunListener.Scope scope = listeners.attemptStarted(event(step, context.attempt()))) {
          return steps.run(step, outputs, context);
        }
      }

      @Override
      public boolean shouldRun(int step, StepOutputs outputs) throws Exception {
        return steps.shouldRun(step, outputs);
      }
    };
  }

  void runStarted() {
    listeners.runStarted(run);
  }

  void attemptEnded(int index, AttemptRecord record) {
    listeners.attemptEnded(event(index, record.number()), record);
  }

  void retrying(int index, AttemptRecord failed, Duration pause) {
    listeners.stepRetrying(event(index, failed.number()), failed, pause);
  }

  /** Called as the step's status becomes final, before its dependents are released. */
  void stepEnded(int index) {
    int attempts = state.progress(index).attempts.size();
    listeners.stepEnded(event(index, attempts),
        ResultAssembler.record(schedule, state, ledger, index));
  }

  RunListener.CallScope modelCallStarted(AttemptContext context, String model) {
    return listeners.modelCallStarted(event(context.index(), context.attempt()), model);
  }

  void chunkStreamed(AttemptContext context, StreamChunk chunk) {
    listeners.chunkStreamed(event(context.index(), context.attempt()), chunk);
  }

  void runEnded(PipelineResult<?> result, @Nullable BraidException failure) {
    listeners.runEnded(run, result, failure);
  }

  private StepEvent event(int index, int attempt) {
    return new StepEvent(run, schedule.step(index).name(), attempt);
  }
}
