package dev.braid.runtime.internal;

import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of a run's state, behind one lock: each step's progress, the stop decision, and,
 * through parts that share the lock, the attempts in flight ({@link InFlight}, {@link
 * AttemptWatch}, {@link Attempt}) and settling ({@link RunSettling}).
 *
 * <p>Every transition decides under the lock and collects what must follow as {@link Effects}:
 * threads to start or interrupt, alarms to arm or cancel, listener events, the caller to let go.
 * They run once the lock is released, so that none holds up another step's transition, and
 * listener events come only from them, so that a step's events are told in the order its state
 * changed. (What a step's code causes while it runs, a model call or a chunk, is told on its
 * thread by {@link CallRunner}.) Outside the lock by design, as thousands of steps take them at
 * once: the {@link DependencyGates}, a step's {@link #begin} and the start of an inline attempt
 * ({@link InFlight#startInline}), volatile handshakes with the stop. The first {@link Stop}
 * decides how the run ends; later ones are suppressed. Thread-safe.
 */
final class RunCoordinator {
  /** Why a run stopped before all its steps ran. */
  enum Stop { FAILED, STOPPED_EARLY, CANCELLED, DEADLINE, BUDGET }

  /**
   * How a run stopped: the step that stopped it (-1 from outside its steps), the incomplete state
   * of one that stopped it early, the budget exception if a budget did, and the steps running or
   * pausing to retry then.
   */
  record Stopped(Stop reason, int step, @Nullable ConversationState<?> state,
      @Nullable BudgetExceededException budget, List<String> runningAtStop) {
    /** The same stop, with {@code name} no longer among the steps running then. */
    Stopped without(String name) {
      List<String> running = new ArrayList<>(runningAtStop);
      return running.remove(name)
          ? new Stopped(reason, step, state, budget, List.copyOf(running))
          : this;
    }
  }

  private final Schedule schedule;
  private final RunClock clock;
  private final long deadlineNanos;
  private final StepProgress[] steps;
  private final DependencyGates gates;
  private final PipelineRun.RunId id;
  private final RunOutputs outputs;
  private final @Nullable RunListeners listeners;
  private final ReentrantLock lock;
  private final InFlight inFlight;
  private final RunSettling settling;

  private volatile boolean stopping; // written under lock; see stopping() and begin()
  /** Written under the lock; volatile so that the result reads it without. */
  private volatile @Nullable Stopped stopped;
  private final List<Throwable> suppressed = new ArrayList<>(); // guarded by lock

  /**
   * @param lock the run's one lock, which its {@link RunLedger} shares
   * @param deadlineNanos when the run must end on the run clock's {@link RunClock#nanos()} axis,
   *     or {@link RunClock#NONE}
   * @param resume the steps whose earlier outputs this run reuses, or null
   * @param watched whether the run can abandon attempts running inline
   * @param listening makes who hears of the run, or null if no one listens
   */
  RunCoordinator(ReentrantLock lock, Schedule schedule, RunClock clock, long deadlineNanos,
      @Nullable ResumePlan resume, boolean watched, PipelineRun.RunId id,
      Function<RunCoordinator, @Nullable RunListeners> listening) {
    int size = schedule.size();
    this.lock = lock;
    this.schedule = schedule;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
    this.id = id;
    this.steps = StepProgress.forRun(size, resume);
    this.inFlight = new InFlight(this, lock, clock, size, watched, deadlineNanos);
    this.gates = DependencyGates.of(schedule, clock, resume);
    this.settling = new RunSettling(lock, clock, watched,
        resume == null ? size : size - resume.reusedCount(), inFlight);
    this.outputs = new RunOutputs(schedule, steps);
    this.listeners = listening.apply(this);
  }

  RunOutputs outputs() {
    return outputs;
  }

  RunClock clock() {
    return clock;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  /** Where the run's steps wait for their dependencies; lock-free by design. */
  DependencyGates gates() {
    return gates;
  }

  StepProgress progress(int index) { // see StepProgress for who reads it when
    return steps[index];
  }

  /** Every step's progress by index, for the result once the run has settled. */
  StepProgress[] progress() {
    return steps;
  }

  /** Whether the run is stopping; read without the lock, so possibly a moment late. */
  boolean stopping() {
    return stopping;
  }

  /** Who hears of the run, or null if no one listens. */
  @Nullable RunListeners listeners() {
    return listeners;
  }

  /** The run's one lock, which also guards its attempts, its watch and its ledger. */
  ReentrantLock lock() {
    return lock;
  }

  /** Tells the listeners of what changes no state (the run's start and end, a retry's pause). */
  void tell(Consumer<RunListeners> event) {
    if (listeners != null) {
      Effects.decide(lock, effects -> effects.then(() -> event.accept(listeners)));
    }
  }

  /** The attempts and threads in flight; StepRunner and PipelineRun start and stop them there. */
  InFlight inFlight() {
    return inFlight;
  }

  /** When the caller may go and when the run ended; PipelineRun waits on it. */
  RunSettling settling() {
    return settling;
  }

  // ---- A step's life: StepRunner calls these on the thread holding the step ----

  /**
   * Notes that the step's condition is being evaluated, unless the run is stopping; false means
   * it must not be. A stopping run does not settle until {@link #decided}.
   */
  boolean deciding(int index) {
    return Effects.read(lock, () -> steps[index].deciding = !stopping);
  }

  /** The step's condition has been evaluated. */
  void decided(int index) {
    Effects.decide(lock, effects -> {
      steps[index].deciding = false;
      settling.settleIfDecided(stopping, steps, effects);
    });
  }

  /**
   * Marks the step started unless the run is stopping; false means it must not start. Lock-free
   * by design, as steps begin by the thousand at once: the step is marked running before it reads
   * whether the run is stopping, and a stop sets that before it lists the running steps, so a step
   * that begins is listed. One that then sees the stop takes its mark back under the lock.
   */
  boolean begin(int index) {
    StepProgress step = steps[index];
    step.startedNanos = clock.nanos();
    step.running = true;
    if (!stopping) {
      return true;
    }
    Effects.decide(lock, effects -> {
      step.running = false;
      stopped = Objects.requireNonNull(stopped).without(schedule.step(index).name());
    });
    return false;
  }

  /** Records an attempt of the step that ended, as the run treated it; tells the listeners. */
  void attemptEnded(int index, AttemptEnd.Recorded attempt) {
    Effects.decide(lock, effects -> recordAttempt(index, attempt, effects));
  }

  private void recordAttempt(int index, AttemptEnd.Recorded attempt, Effects effects) {
    steps[index].attempted(attempt);
    if (listeners != null) {
      effects.then(() -> listeners.attemptEnded(index, attempt.record()));
    }
  }

  /** Records a successful attempt and the step's end with it, in one transition. */
  void succeeded(int index, AttemptEnd.Succeeded last) {
    end(index, StepStatus.SUCCEEDED, last.endNanos(), last.value(), null, null, null, last);
  }

  void stoppedEarly(int index, ConversationState<?> state) {
    end(index, StepStatus.STOPPED_EARLY, clock.nanos(), null, null, Stop.STOPPED_EARLY, state,
        null);
  }

  /** Records a failure: an optional step's dependents go on; another step's stops the run. */
  void failed(int index, Throwable failure) {
    end(index, StepStatus.FAILED, clock.nanos(), null, failure,
        schedule.optional(index) ? null : Stop.FAILED, null, null);
  }

  /**
   * Ends a step with neither output nor failure: {@link StepStatus#SKIPPED} (its condition was
   * false; its dependents go on without it), {@link StepStatus#CANCELLED} by the run's stop, or
   * {@link StepStatus#NOT_STARTED} when the run stopped before its first attempt could start.
   */
  void ended(int index, StepStatus status) {
    end(index, status, clock.nanos(), null, null, null, null, null);
  }

  /**
   * Ends step {@code index}: records it and, if {@code stops} is given, stops the run; then, once
   * unlocked, tells the listeners, carries out the stop, and lets the step's dependents go if it
   * leaves them something to go on with: a success, a skip, or an optional step's failure while
   * the run goes on.
   */
  private void end(int index, StepStatus status, long endNanos, @Nullable Object output,
      @Nullable Throwable failure, @Nullable Stop stops, @Nullable ConversationState<?> state,
      AttemptEnd.@Nullable Recorded lastAttempt) {
    Effects effects = new Effects(lock);
    boolean release;
    lock.lock();
    try {
      release =
          endStep(index, status, endNanos, output, failure, stops, state, lastAttempt, effects);
    } finally {
      lock.unlock();
    }
    afterEnd(index, release, effects);
  }

  /**
   * Ends a watched inline attempt with what its code gave ({@link Attempt#finish}) and, if it
   * succeeded, its step with it, in one transition: {@link AttemptEnd#STEP_ENDED} then, {@link
   * AttemptEnd#HANDED_OVER} if the run abandoned it meanwhile, else how it ended.
   */
  AttemptEnd attemptFinished(Attempt attempt, @Nullable Object value, @Nullable Throwable thrown,
      StepSettings settings, boolean conversational) {
    boolean byInterrupt = thrown != null && RunClock.interruptedBy(thrown);
    int index = attempt.index();
    long endNanos = clock.nanos(); // read before locking, as every step's thread takes the lock
    Effects effects = new Effects(lock);
    AttemptEnd end;
    boolean release = false;
    lock.lock();
    try {
      if (!attempt.finish(value, thrown, byInterrupt)) {
        return AttemptEnd.HANDED_OVER;
      }
      end = attempt.end(settings, conversational, stopping, endNanos);
      if (end instanceof AttemptEnd.Succeeded succeeded) {
        release = endStep(index, StepStatus.SUCCEEDED, succeeded.endNanos(), succeeded.value(),
            null, null, null, succeeded, effects);
        end = AttemptEnd.STEP_ENDED;
      }
    } finally {
      lock.unlock();
    }
    afterEnd(index, release, effects);
    return end;
  }

  /**
   * Records the end of step {@code index} and, if {@code stops} is given, stops the run; says
   * whether its dependents may go on. Under the lock.
   */
  private boolean endStep(int index, StepStatus status, long endNanos, @Nullable Object output,
      @Nullable Throwable failure, @Nullable Stop stops, @Nullable ConversationState<?> state,
      AttemptEnd.@Nullable Recorded lastAttempt, Effects effects) {
    if (lastAttempt != null) {
      recordAttempt(index, lastAttempt, effects);
    }
    StepProgress step = steps[index];
    step.ended(status, endNanos, output, failure);
    if (listeners != null) {
      effects.then(() -> listeners.stepEnded(index));
    }
    if (stops != null) {
      decideStop(stops, index, state, failure, effects);
    }
    taskEnded(step, effects); // the step's task ends with it, in the same transition
    return status == StepStatus.SUCCEEDED || status == StepStatus.SKIPPED
        || status == StepStatus.FAILED && stops == null && !stopping;
  }

  /** Carries out a step's end once unlocked, and then lets its dependents go if they may. */
  private void afterEnd(int index, boolean release, Effects effects) {
    effects.run();
    if (release) { // last, so that a dependent starts after the step's listeners heard it ended
      for (int dependent : schedule.dependents(index)) {
        gates.release(dependent, index);
      }
    }
  }

  /** Keeps a child run the step started, for its record. */
  void addChild(int index, PipelineResult<?> child) {
    Effects.decide(lock, effects -> steps[index].addChild(child));
  }

  /**
   * Called by each step's task as it ends, however it ended, on the thread holding it; nothing if
   * the step's end counted it already, which the same thread then wrote.
   */
  void stepTaskEnded(int index) {
    if (steps[index].taskEnded) {
      return;
    }
    Effects.decide(lock, effects -> taskEnded(steps[index], effects));
  }

  private void taskEnded(StepProgress step, Effects effects) {
    if (!step.taskEnded) {
      step.taskEnded = true;
      settling.taskEnded(effects);
      settling.settleIfDecided(stopping, steps, effects);
    }
  }

  /** Called by a watched run's scope owner once the scope has closed. */
  void scopeClosed() {
    Effects.decide(lock, effects -> {
      settling.scopeClosed(effects);
      settling.settleIfDecided(stopping, steps, effects);
    });
  }

  /**
   * Stops the run because a call of step {@code index} met a budget, whether or not the step lets
   * the exception escape; the step's own failure, if any, comes later and is not the cause.
   */
  void stopForBudget(int index, BudgetExceededException exceeded) {
    Effects.decide(lock, effects -> decideStop(Stop.BUDGET, index, null, exceeded, effects));
  }

  /** Stops the run from outside its steps (a cancel, the deadline); no effect once it ended. */
  void stop(Stop reason) {
    Effects.decide(lock, effects -> decideStop(reason, -1, null, null, effects));
  }

  /**
   * The stop decision. {@code failure} is the failing step's, kept as suppressed if the run was
   * already stopping, or the budget exception of a {@link Stop#BUDGET} stop; {@code index} is -1
   * from outside the steps (a cancel, the deadline the watch saw pass). Under the lock.
   */
  void decideStop(Stop reason, int index, @Nullable ConversationState<?> state,
      @Nullable Throwable failure, Effects effects) {
    if (stopped != null || index < 0 && settling.allTasksEnded()) {
      if (failure != null && reason != Stop.BUDGET) {
        suppressed.add(failure);
      }
      if (reason == Stop.DEADLINE) {
        // Already stopping, but the deadline still bounds how long shielded steps are waited for.
        inFlight.stopOwnThreads(clock.nanos(), true, effects);
      }
      return;
    }
    stopping = true; // before listing the running steps; see begin
    stopped = new Stopped(reason, index, state,
        failure instanceof BudgetExceededException budget && reason == Stop.BUDGET ? budget : null,
        StepProgress.running(steps, schedule));
    inFlight.stop(clock.nanos(), reason == Stop.DEADLINE, effects);
    settling.settleIfDecided(stopping, steps, effects);
  }

  /** The run's id, the caller's or a random one made on first use. */
  String runId() {
    return id.get();
  }

  /** The name of the threads of step {@code index}: {@code braid OrderFlow/enrich run 3f2a…}. */
  String threadName(int index) {
    return schedule.threadName(index) + id.threadSuffix();
  }

  /** How the run stopped, or null if it did not. */
  @Nullable Stopped stopped() {
    return stopped;
  }

  /** Failures that came after the run had begun to stop. */
  List<Throwable> suppressed() {
    return Effects.read(lock, () -> List.copyOf(suppressed));
  }
}
