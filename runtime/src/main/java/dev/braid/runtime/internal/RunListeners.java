package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepContext;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StreamChunk;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepOutputs;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RunListener}s of one run, and the one way the engine tells them what happens in it,
 * turning its indexes into events. Listeners are called in registration order; one that throws is
 * logged and skipped, so that no listener changes how a run ends. A run without listeners has no
 * {@code RunListeners}, so the engine pays for nothing but a null check.
 *
 * <p>What changes the run's state is told by its {@link RunCoordinator}, as an effect after it
 * released its lock, so that a step's events come in the order its state changed. What an
 * attempt's code causes while it runs (its scope, its model calls, its chunks) is the attempt's
 * own, told on its thread by {@link #observing} and {@link CallRunner}. Thread-safe if the
 * listeners are.
 */
final class RunListeners {
  private static final System.Logger LOG = System.getLogger("dev.braid.runtime.RunListener");

  private final RunListener[] listeners;
  private final Schedule schedule;
  private final RunCoordinator coordinator;
  private final RunLedger ledger;
  private final RunEvent run;

  private RunListeners(RunListener[] listeners, Schedule schedule, RunCoordinator coordinator,
      RunLedger ledger, @Nullable AttemptContext parent) {
    this.listeners = listeners;
    this.schedule = schedule;
    this.coordinator = coordinator;
    this.ledger = ledger;
    this.run = new RunEvent(schedule.pipelineName(), coordinator.runId(),
        coordinator.clock().startedAt(), parent == null ? null : parent.runId(), schedule.size());
  }

  /** The listeners of a run that want to hear of it, or null if none does. */
  static @Nullable RunListeners of(RunSettings settings, Schedule schedule,
      RunCoordinator coordinator,
      RunLedger ledger) {
    if (settings.listeners().isEmpty()) {
      return null;
    }
    List<RunListener> listening = new ArrayList<>(settings.listeners().size());
    for (RunListener listener : settings.listeners()) {
      boolean wants;
      try {
        wants = listener.listensTo(schedule.pipelineName());
      } catch (Throwable e) {
        report(listener, "listensTo", schedule.pipelineName(), e);
        wants = false;
      }
      if (wants) {
        listening.add(listener);
      }
    }
    return listening.isEmpty() ? null : new RunListeners(
        listening.toArray(RunListener[]::new), schedule, coordinator, ledger, settings.parent());
  }

  /** {@code steps} with each attempt's code inside the listeners' attempt scopes. */
  StepDispatcher observing(StepDispatcher steps) {
    return new StepDispatcher() {
      @Override
      public @Nullable Object run(int step, StepOutputs outputs, StepContext context)
          throws Exception {
        try (RunListener.Scope scope = attemptStarted(event(step, context.attempt()))) {
          return steps.run(step, outputs, context);
        }
      }

      @Override
      public boolean shouldRun(int step, StepOutputs outputs) throws Exception {
        return steps.shouldRun(step, outputs);
      }
    };
  }

  /** Opens every listener's scope for an attempt; the returned scope closes them in reverse. */
  private RunListener.Scope attemptStarted(StepEvent attempt) {
    RunListener.Scope[] scopes = new RunListener.Scope[listeners.length];
    for (int i = 0; i < listeners.length; i++) {
      RunListener listener = listeners[i];
      RunListener.Scope scope;
      try {
        scope = listener.attemptStarted(attempt);
      } catch (Throwable e) {
        report(listener, "attemptStarted", where(attempt), e);
        scope = RunListener.Scope.NONE;
      }
      scopes[i] = scope;
    }
    return () -> {
      for (int i = scopes.length - 1; i >= 0; i--) {
        try {
          scopes[i].close();
        } catch (Throwable e) {
          report(listeners[i], "attemptStarted's scope", where(attempt), e);
        }
      }
    };
  }

  void runStarted() {
    tell("runStarted", where(run), listener -> listener.runStarted(run));
  }

  void attemptEnded(int index, AttemptRecord record) {
    StepEvent attempt = event(index, record.number());
    tell("attemptEnded", where(attempt), listener -> listener.attemptEnded(attempt, record));
  }

  void retrying(int index, AttemptRecord failed, Duration pause) {
    StepEvent attempt = event(index, failed.number());
    tell("stepRetrying", where(attempt),
        listener -> listener.stepRetrying(attempt, failed, pause));
  }

  /** Called as the step's status becomes final, before its dependents are released. */
  void stepEnded(int index) {
    StepEvent step = event(index, coordinator.progress(index).attemptCount());
    StepRecord record = ResultAssembler.record(schedule, coordinator.clock(),
        coordinator.progress(index), index, ledger.step(index));
    tell("stepEnded", where(step), listener -> listener.stepEnded(step, record));
  }

  /** Starts every listener's view of a model call; the returned scope ends them in reverse. */
  RunListener.CallScope modelCallStarted(AttemptContext context, String model) {
    StepEvent attempt = event(context.index(), context.attempt());
    RunListener.CallScope[] scopes = new RunListener.CallScope[listeners.length];
    for (int i = 0; i < listeners.length; i++) {
      try {
        scopes[i] = listeners[i].modelCallStarted(attempt, model);
      } catch (Throwable e) {
        report(listeners[i], "modelCallStarted", where(attempt), e);
        scopes[i] = RunListener.CallScope.NONE;
      }
    }
    return (usage, failure) -> {
      for (int i = scopes.length - 1; i >= 0; i--) {
        try {
          scopes[i].ended(usage, failure);
        } catch (Throwable e) {
          report(listeners[i], "modelCallStarted's scope", where(attempt), e);
        }
      }
    };
  }

  void chunkStreamed(AttemptContext context, StreamChunk chunk) {
    StepEvent attempt = event(context.index(), context.attempt());
    tell("chunkStreamed", where(attempt), listener -> listener.chunkStreamed(attempt, chunk));
  }

  void runEnded(PipelineResult<?> result, @Nullable BraidException failure) {
    tell("runEnded", where(run), listener -> listener.runEnded(run, result, failure));
  }

  /** Tells every listener, in order; one that throws is reported and the others still hear. */
  private void tell(String method, String where, java.util.function.Consumer<RunListener> event) {
    for (RunListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (Throwable e) {
        report(listener, method, where, e);
      }
    }
  }

  private StepEvent event(int index, int attempt) {
    return new StepEvent(run, schedule.step(index).name(), attempt);
  }

  /**
   * Logs a listener's failure; rethrows only what the JVM cannot go on after. Anything else, an
   * {@link Error} included, must not escape: it would end the step's thread before the run records
   * the step's end, and the steps waiting for it would wait forever.
   */
  private static void report(RunListener listener, String method, String where, Throwable e) {
    if (e instanceof VirtualMachineError fatal) {
      throw fatal;
    }
    LOG.log(Level.WARNING, () -> "[" + where + "] RunListener " + listener.getClass().getName()
        + "." + method + " threw; the run goes on without it", e);
  }

  private static String where(RunEvent run) {
    return run.pipelineName() + " run " + run.runId();
  }

  private static String where(StepEvent step) {
    return where(step.run()) + " step " + step.stepName() + "#" + step.attempt();
  }
}
