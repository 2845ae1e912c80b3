package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StreamChunk;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of one run, called in registration order; one that throws is logged and skipped,
 * so that no listener changes how a run ends. Immutable and thread-safe if the listeners are.
 */
final class Listeners {
  private static final System.Logger LOG = System.getLogger("dev.braid.runtime.RunListener");
  private static final Listeners NONE = new Listeners(new RunListener[0]);

  private final RunListener[] listeners;

  private Listeners(RunListener[] listeners) {
    this.listeners = listeners;
  }

  /** The listeners that want to hear of a run of {@code pipelineName}. */
  static Listeners of(List<RunListener> listeners, String pipelineName) {
    if (listeners.isEmpty()) {
      return NONE;
    }
    List<RunListener> listening = new ArrayList<>(listeners.size());
    for (RunListener listener : listeners) {
      boolean wants;
      try {
        wants = listener.listensTo(pipelineName);
      } catch (Throwable e) {
        report(listener, "listensTo", pipelineName, e);
        wants = false;
      }
      if (wants) {
        listening.add(listener);
      }
    }
    return listening.isEmpty() ? NONE : new Listeners(listening.toArray(RunListener[]::new));
  }

  /** Whether anyone listens; when not, callers skip building events. */
  boolean active() {
    return listeners.length > 0;
  }

  void runStarted(RunEvent run) {
    for (RunListener listener : listeners) {
      try {
        listener.runStarted(run);
      } catch (Throwable e) {
        report(listener, "runStarted", where(run), e);
      }
    }
  }

  /** Opens every listener's scope for an attempt; the returned scope closes them in reverse. */
  RunListener.Scope attemptStarted(StepEvent attempt) {
    if (listeners.length == 1) {
      return safe(listeners[0], attempt);
    }
    RunListener.Scope[] scopes = new RunListener.Scope[listeners.length];
    for (int i = 0; i < listeners.length; i++) {
      scopes[i] = safe(listeners[i], attempt);
    }
    return () -> {
      for (int i = scopes.length - 1; i >= 0; i--) {
        scopes[i].close();
      }
    };
  }

  private static RunListener.Scope safe(RunListener listener, StepEvent attempt) {
    RunListener.Scope scope;
    try {
      scope = listener.attemptStarted(attempt);
    } catch (Throwable e) {
      report(listener, "attemptStarted", where(attempt), e);
      return RunListener.Scope.NONE;
    }
    return () -> {
      try {
        scope.close();
      } catch (Throwable e) {
        report(listener, "attemptStarted's scope", where(attempt), e);
      }
    };
  }

  void attemptEnded(StepEvent attempt, AttemptRecord record) {
    for (RunListener listener : listeners) {
      try {
        listener.attemptEnded(attempt, record);
      } catch (Throwable e) {
        report(listener, "attemptEnded", where(attempt), e);
      }
    }
  }

  void stepRetrying(StepEvent attempt, AttemptRecord failed, Duration pause) {
    for (RunListener listener : listeners) {
      try {
        listener.stepRetrying(attempt, failed, pause);
      } catch (Throwable e) {
        report(listener, "stepRetrying", where(attempt), e);
      }
    }
  }

  void stepEnded(StepEvent step, StepRecord record) {
    for (RunListener listener : listeners) {
      try {
        listener.stepEnded(step, record);
      } catch (Throwable e) {
        report(listener, "stepEnded", where(step), e);
      }
    }
  }

  /** Starts every listener's view of a model call; the returned scope ends them in reverse. */
  RunListener.CallScope modelCallStarted(StepEvent attempt, String model) {
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

  void chunkStreamed(StepEvent attempt, StreamChunk chunk) {
    for (RunListener listener : listeners) {
      try {
        listener.chunkStreamed(attempt, chunk);
      } catch (Throwable e) {
        report(listener, "chunkStreamed", where(attempt), e);
      }
    }
  }

  void runEnded(RunEvent run, PipelineResult<?> result, @Nullable BraidException failure) {
    for (RunListener listener : listeners) {
      try {
        listener.runEnded(run, result, failure);
      } catch (Throwable e) {
        report(listener, "runEnded", where(run), e);
      }
    }
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
