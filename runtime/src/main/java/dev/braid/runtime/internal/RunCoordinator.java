package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of a run's state, behind one lock: each step's progress, the attempts in flight
 * (with their {@link AttemptWatch} and {@link RunThreads}), the stop decision, and settling.
 *
 * <p>Every transition decides under the lock and collects what must follow as {@link Effects}:
 * threads to start or interrupt, alarms to arm or cancel, listener events, the caller to let go.
 * They run once the lock is released, never under it, so that no thread start, interrupt, alarm
 * or listener holds up another step's transition; and listener events come only from these
 * effects, so that a step's events are told in the order its state changed (events of different
 * steps may interleave, as their steps do). Two things stay outside the lock by design: the {@link
 * DependencyGates}, which thousands of steps pass at once, and {@link #stopping()}, a volatile
 * written under the lock, which hot paths read first and the lock then confirms. Events a step's
 * code causes while it runs (a model call, a streamed chunk) are the attempt's own, told on its
 * thread by {@link CallRunner}.
 *
 * <p>The first of these stops the run: a step that fails (unless it is optional), a step that
 * returns an incomplete {@link ConversationState}, the caller's interrupt or an async cancel
 * ({@link Stop#CANCELLED}), the deadline, and a model call a budget refused or that overran its
 * own ({@link Stop#BUDGET}). From then on no step begins and no attempt or retry starts; inline
 * attempts of a watched run are interrupted and abandoned if they outlive their grace, attempts on
 * their own thread are shielded (abandoned after their grace only at the deadline), and the scope
 * interrupts every other step. Later failures are kept as suppressed.
 *
 * <p>A watched run <em>settles</em> when its caller may assemble the result: when the scope has
 * closed, or, once an attempt was abandoned (whose thread may hold the scope open), as soon as no
 * step can change the outcome any more.
 *
 * <p>Thread-safe.
 */
final class RunCoordinator {
  /** Why a run stopped before all its steps ran. */
  enum Stop { FAILED, STOPPED_EARLY, CANCELLED, DEADLINE, BUDGET }

  /**
   * How a run stopped.
   *
   * @param step the step that stopped it, or -1 if it stopped from outside its steps
   * @param state the incomplete state of a step that stopped it early
   * @param budget the budget exception that stopped it, if a budget did
   * @param runningAtStop the steps running or pausing to retry when it stopped
   */
  record Stopped(Stop reason, int step, @Nullable ConversationState<?> state,
      @Nullable BudgetExceededException budget, List<String> runningAtStop) {}

  private final Schedule schedule;
  private final RunClock clock;
  private final long deadlineNanos;
  private final StepProgress[] steps;
  private final DependencyGates gates;
  private final RunId id;
  private final RunOutputs outputs;
  private final @Nullable RunObserver observer;
  private final ReentrantLock lock = new ReentrantLock();
  /** The timers of a watched run's inline attempts and deadline; null if it is not watched. */
  private final @Nullable AttemptWatch watch;
  /** The threads a stop must reach itself. */
  private final RunThreads threads;
  /** Opens when the caller of a watched run may stop waiting; null if the run is not watched. */
  private final @Nullable CountDownLatch settled;

  /** Written under the lock; read without it where a stale false is confirmed under the lock. */
  private volatile boolean stopping;
  private @Nullable Stopped stopped; // guarded by lock
  private final List<Throwable> suppressed = new ArrayList<>(); // guarded by lock
  private @Nullable StepRunner runner; // guarded by lock; set before the steps start
  private int unfinishedTasks; // guarded by lock
  /** On a replaced time source, when the last step task ended; {@link Nanos#NONE} until then. */
  private long lastTaskEndedNanos = Nanos.NONE; // guarded by lock
  /** Whether the run owes its caller the busy count it borrowed ({@link #borrowCallersCount}). */
  private boolean owesCaller; // guarded by lock
  private boolean abandonedAny; // guarded by lock

  /**
   * @param deadlineNanos when the run must end on the run clock's {@link RunClock#nanos()} axis,
   *     or {@link Nanos#NONE}
   * @param resume the steps whose earlier outputs this run reuses, or null
   * @param watched whether the run can abandon attempts running inline
   * @param observer makes who hears of the run, or null if no one listens
   */
  RunCoordinator(Schedule schedule, RunClock clock, long deadlineNanos,
      @Nullable ResumePlan resume, boolean watched, RunId id,
      Function<RunCoordinator, @Nullable RunObserver> observer) {
    int size = schedule.size();
    this.schedule = schedule;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
    this.id = id;
    this.steps = new StepProgress[size];
    this.watch = watched ? new AttemptWatch(this, lock, clock, size, deadlineNanos) : null;
    this.threads = new RunThreads(lock, size, watched || !clock.real());
    this.settled = watched ? new CountDownLatch(1) : null;
    int[] waiting = new int[size];
    boolean[] runs = new boolean[size];
    for (int i = 0; i < size; i++) {
      steps[i] = new StepProgress();
      waiting[i] = schedule.step(i).dependencyCount();
      runs[i] = resume == null || !resume.reused(i);
    }
    for (int i = 0; i < size; i++) {
      if (runs[i]) {
        unfinishedTasks++;
      } else {
        steps[i].status = StepStatus.REUSED;
        steps[i].output = Objects.requireNonNull(resume).output(i);
        for (int dependent : schedule.dependents(i)) {
          waiting[dependent]--;
        }
      }
    }
    this.gates = new DependencyGates(clock, waiting, runs);
    this.outputs = new RunOutputs(schedule, steps);
    this.observer = observer.apply(this);
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

  /** Step {@code index}'s progress; see {@link StepProgress} for who may read it when. */
  StepProgress progress(int index) {
    return steps[index];
  }

  /** Whether the run is stopping; without the lock, so possibly a moment late. */
  boolean stopping() {
    return stopping;
  }

  /** Who hears of the run, or null if no one listens. */
  @Nullable RunObserver observer() {
    return observer;
  }

  /** The run's one lock, which also guards its {@link Attempt}s and its {@link AttemptWatch}. */
  ReentrantLock lock() {
    return lock;
  }

  /** Decides {@code transition} under the lock, then carries out its effects without it. */
  private void transition(Consumer<Effects> transition) {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      transition.accept(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** Reads {@code value} under the lock. */
  private <T> T read(Supplier<T> value) {
    lock.lock();
    try {
      return value.get();
    } finally {
      lock.unlock();
    }
  }

  /** Lets {@code runner} go on with steps whose attempts were abandoned; before steps start. */
  void resumeWith(StepRunner runner) {
    transition(effects -> this.runner = runner);
  }

  /**
   * Borrows the busy count of the caller, a step of a parent run on the same time source that
   * waits for this child run: without it, time could not move while the child's steps wait on
   * it. Called after the gates opened their roots, so that the count never drops to zero between.
   */
  void borrowCallersCount() {
    transition(effects -> {
      owesCaller = true;
      effects.then(clock::idle);
    });
  }

  /**
   * Gives the caller its busy count back, once: as the last step task ends, before that thread
   * goes idle, or when the caller returns, whichever comes first. Under the lock.
   */
  private void repayCaller(Effects effects) {
    if (owesCaller) {
      owesCaller = false;
      effects.then(clock::busy);
    }
  }

  void repayCaller() {
    transition(this::repayCaller);
  }

  /** Tells the listeners that the run starts. */
  void runStarted() {
    if (observer != null) {
      transition(effects -> effects.then(observer::runStarted));
    }
  }

  /** Tells the listeners how the run ended: its result, and the exception it throws if any. */
  void runEnded(PipelineResult<?> result, @Nullable BraidException failure) {
    if (observer != null) {
      transition(effects -> effects.then(() -> observer.runEnded(result, failure)));
    }
  }

  // ---- A step's life: StepRunner calls these on the thread holding the step ----

  /** Notes that the calling scope thread holds the step; called as its task starts. */
  void hold(int index) {
    if (threads.tracksHolders()) {
      Thread current = Thread.currentThread();
      transition(effects -> threads.hold(index, current));
    }
  }

  /**
   * Notes that the step's condition is being evaluated, unless the run is stopping; false means
   * it must not be. A stopping run does not settle until {@link #decided}.
   */
  boolean deciding(int index) {
    return read(() -> steps[index].deciding = !stopping);
  }

  /** The step's condition has been evaluated. */
  void decided(int index) {
    transition(effects -> {
      steps[index].deciding = false;
      settleIfDecided(effects);
    });
  }

  /** Marks the step started unless the run is stopping; false means it must not start. */
  boolean begin(int index) {
    lock.lock();
    try {
      if (stopping) {
        return false;
      }
      steps[index].startedNanos = clock.nanos();
      steps[index].running = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records an attempt of the step that ended, and tells the listeners.
   *
   * @param abandoned whether the run abandoned it
   * @param shielded whether the run let it go on after stopping
   */
  void attemptEnded(int index, AttemptRecord record, boolean abandoned, boolean shielded) {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      StepProgress step = steps[index];
      step.addAttempt(record);
      step.abandoned |= abandoned;
      step.shielded |= shielded;
      if (observer != null) {
        effects.then(() -> observer.attemptEnded(index, record));
      }
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** Tells the listeners that the step retries after {@code pause}. */
  void retrying(int index, AttemptRecord failed, Duration pause) {
    if (observer != null) {
      transition(effects -> effects.then(() -> observer.retrying(index, failed, pause)));
    }
  }

  /** Records a success; the step ends at {@code endNanos}, when its last attempt did. */
  void succeeded(int index, @Nullable Object value, long endNanos) {
    end(index, StepStatus.SUCCEEDED, endNanos, value, null, null, null);
  }

  void stoppedEarly(int index, ConversationState<?> state) {
    end(index, StepStatus.STOPPED_EARLY, clock.nanos(), null, null, Stop.STOPPED_EARLY, state);
  }

  /** Records a failure: an optional step's dependents go on; any other step's failure stops the run. */
  void failed(int index, Throwable failure) {
    end(index, StepStatus.FAILED, clock.nanos(), null, failure,
        schedule.optional(index) ? null : Stop.FAILED, null);
  }

  /** The step's condition was false: it did not run, and its dependents go on without it. */
  void skipped(int index) {
    end(index, StepStatus.SKIPPED, clock.nanos(), null, null, null, null);
  }

  /** The run's stop ended the step; its dependents never start. */
  void cancelled(int index) {
    end(index, StepStatus.CANCELLED, clock.nanos(), null, null, null, null);
  }

  /** The step had begun, but the run stopped before its first attempt could start. */
  void neverStarted(int index) {
    end(index, StepStatus.NOT_STARTED, clock.nanos(), null, null, null, null);
  }

  /**
   * Ends step {@code index}: records it and, if {@code stops} is given, stops the run; then, once
   * unlocked, tells the listeners, carries out the stop, and lets the step's dependents go if it
   * leaves them something to go on with: a success, a skip, or an optional step's failure while
   * the run goes on.
   */
  private void end(int index, StepStatus status, long endNanos, @Nullable Object output,
      @Nullable Throwable failure, @Nullable Stop stops, @Nullable ConversationState<?> state) {
    Effects effects = new Effects(lock);
    boolean release;
    lock.lock();
    try {
      StepProgress step = steps[index];
      step.output = output;
      step.failure = failure;
      step.endedWithAttempt = status == StepStatus.SUCCEEDED;
      step.status = status;
      step.finishedNanos = endNanos;
      step.running = false;
      if (observer != null) {
        effects.then(() -> observer.stepEnded(index));
      }
      if (stops != null) {
        decideStop(stops, index, state, failure, effects);
      }
      release = status == StepStatus.SUCCEEDED || status == StepStatus.SKIPPED
          || status == StepStatus.FAILED && stops == null && !stopping;
    } finally {
      lock.unlock();
    }
    effects.run();
    if (release) { // last, so that a dependent starts after the step's listeners heard it ended
      for (int dependent : schedule.dependents(index)) {
        gates.release(dependent);
      }
    }
  }

  /** Keeps a child run the step started, for its record. */
  void addChild(int index, PipelineResult<?> child) {
    transition(effects -> {
      List<PipelineResult<?>> children = new ArrayList<>(steps[index].children);
      children.add(child);
      steps[index].children = List.copyOf(children);
    });
  }

  /** The child runs the step started, in the order they ended. */
  List<PipelineResult<?>> children(int index) {
    return read(() -> steps[index].children);
  }

  /** Called once by each step's task as it ends, however it ended, on the thread holding it. */
  void stepTaskEnded() {
    transition(effects -> {
      if (--unfinishedTasks == 0 && !clock.real()) {
        lastTaskEndedNanos = clock.nanos();
        repayCaller(effects);
      }
      settleIfDecided(effects);
    });
  }

  // ---- Attempts in flight ----

  /**
   * Starts watching an inline attempt about to start, unless the run is stopping; false means it
   * must not start, and the caller {@linkplain #withdraw withdraws} it. Only in a watched run.
   */
  boolean startInline(Attempt attempt) {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      if (stopping || watch == null) {
        return false;
      }
      watch.add(attempt, effects);
    } finally {
      lock.unlock();
    }
    effects.run();
    return true;
  }

  /** Withdraws an inline attempt the run refused; false if it was abandoned meanwhile. */
  boolean withdraw(Attempt attempt) {
    return read(attempt::withdraw);
  }

  /**
   * Hands the step of an inline attempt the watch has just abandoned to a new thread, which
   * classifies the attempt and goes on with the step ({@link StepRunner#resume}); the abandoned
   * thread leaves it alone from then on. Under the lock.
   */
  void handOver(Attempt abandoned, Effects effects) {
    StepRunner resumer = Objects.requireNonNull(runner);
    Thread next = Thread.ofVirtual().name(threadName(abandoned.index()))
        .unstarted(() -> resumer.resume(abandoned));
    abandonedAny = true;
    threads.handOver(abandoned.index(), next);
    effects.then(clock::busy); // given back as it ends (StepRunner.resume)
    effects.start(next);
    // A stop decided before it was alive may have interrupted it to no effect.
    effects.then(() -> {
      if (stopping) {
        next.interrupt();
      }
    });
  }

  /** Starts an attempt on its own thread unless the run is stopping; false if it did not start. */
  boolean startOwnThread(Attempt attempt) {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      if (stopping) {
        return false;
      }
      threads.addOwnThread(attempt, steps.length);
      attempt.start(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
    return true;
  }

  /** Forgets an attempt on its own thread once its step has stopped waiting for it. */
  void ownThreadOver(Attempt attempt) {
    transition(effects -> threads.removeOwnThread(attempt));
  }

  // ---- The scope and settling: PipelineRun calls these ----

  /** Called by the scope's owner before it forks the steps. */
  void enterScope() {
    Thread owner = Thread.currentThread();
    transition(effects -> threads.enterScope(owner));
  }

  /**
   * Called by the scope's owner once the scope has closed; clears a wake-up not yet consumed and
   * says whether the run woke the owner, so that an interrupt it caught was the run's, not its
   * caller's.
   */
  boolean leaveScope() {
    boolean woken = read(threads::leaveScope);
    if (woken) {
      Thread.interrupted();
    }
    return woken;
  }

  /** Arms the watch for the deadline, once the steps are forked. */
  void openWatch() {
    transition(effects -> Objects.requireNonNull(watch).open(effects));
  }

  /** Disarms the watch once the outcome is decided. */
  void closeWatch() {
    transition(effects -> Objects.requireNonNull(watch).close(effects));
  }

  /** Called by a watched run's scope owner once the scope has closed. */
  void scopeClosed() {
    transition(effects -> {
      if (!abandonedAny) {
        effects.then(Objects.requireNonNull(settled)::countDown);
      } else {
        settleIfDecided(effects);
      }
    });
  }

  /**
   * Lets the caller of a watched run that abandoned an attempt go once no step can change the
   * outcome: every step task has ended, or the run is stopping and no step is running or deciding.
   * Steps that have not begun never will, as {@link #begin} refuses. Under the lock.
   */
  private void settleIfDecided(Effects effects) {
    if (!abandonedAny || settled == null || settled.getCount() == 0) {
      return;
    }
    boolean decided = unfinishedTasks == 0;
    if (!decided && stopping) {
      decided = true;
      for (StepProgress step : steps) {
        decided &= !step.running && !step.deciding;
      }
    }
    if (decided) {
      effects.then(settled::countDown);
    }
  }

  /** Waits until the caller of a watched run may assemble its result. */
  void awaitSettled() throws InterruptedException {
    Objects.requireNonNull(settled).await();
  }

  /** Whether the run abandoned an inline attempt, whose thread may still hold the scope. */
  boolean abandonedAny() {
    return read(() -> abandonedAny);
  }

  /**
   * Waits until every thread holding a step has ended; called once the run has settled, when each
   * has ended its step. Returns whether the caller was interrupted meanwhile.
   */
  boolean joinHolders() {
    boolean interrupted = false;
    for (Thread thread : read(threads::holders)) {
      interrupted |= Uninterruptibly.join(thread);
    }
    return interrupted;
  }

  // ---- Stopping ----

  /**
   * Stops the run because a call of step {@code index} met a budget, whether or not the step lets
   * the exception escape; the step's own failure, if any, comes later and is not the cause.
   */
  void stopForBudget(int index, BudgetExceededException exceeded) {
    transition(effects -> decideStop(Stop.BUDGET, index, null, exceeded, effects));
  }

  /** Stops the run from outside its steps: a cancel or the deadline. No effect once it has ended. */
  void stop(Stop reason) {
    transition(effects -> decideStop(reason, -1, null, null, effects));
  }

  /** The watch saw the deadline pass. Under the lock. */
  void stopForDeadline(Effects effects) {
    decideStop(Stop.DEADLINE, -1, null, null, effects);
  }

  /**
   * The stop decision. {@code failure} is the failing step's, kept as suppressed if the run was
   * already stopping, or the budget exception of a {@link Stop#BUDGET} stop. Under the lock.
   */
  private void decideStop(Stop reason, int index, @Nullable ConversationState<?> state,
      @Nullable Throwable failure, Effects effects) {
    if (stopped != null || index < 0 && unfinishedTasks == 0) {
      if (failure != null && reason != Stop.BUDGET) {
        suppressed.add(failure);
      }
      if (reason == Stop.DEADLINE) {
        // Already stopping, but the deadline still bounds how long shielded steps are waited for.
        threads.stopOwnThreads(clock.nanos(), true, effects);
      }
      return;
    }
    List<String> running = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      if (steps[i].running) {
        running.add(schedule.step(i).name());
      }
    }
    stopped = new Stopped(reason, index, state,
        failure instanceof BudgetExceededException budget && reason == Stop.BUDGET ? budget : null,
        List.copyOf(running));
    stopping = true;
    if (watch != null) {
      watch.stop(effects);
    }
    threads.stop(clock.nanos(), reason == Stop.DEADLINE, !clock.real(), effects);
    settleIfDecided(effects);
  }

  // ---- What the result reads once the run has settled ----

  /** The run's id, the caller's or a random one made on first use. */
  String runId() {
    return id.get();
  }

  /** The name of every thread that runs step {@code index}: {@code braid OrderFlow/enrich run 3f2a…}. */
  String threadName(int index) {
    return schedule.threadName(index) + " run " + id.get();
  }

  /** How the run stopped, or null if it did not. */
  @Nullable Stopped stopped() {
    return read(() -> stopped);
  }

  /** Failures that came after the run had begun to stop. */
  List<Throwable> suppressed() {
    return read(() -> List.copyOf(suppressed));
  }

  /**
   * When the run ended, for its result: now, except on a replaced time source, where it is when
   * the last step task ended, before that thread went idle; a virtual source may move on to an
   * alarm left over (a deadline, a grace) before the caller gets to read the time.
   */
  long endNanos() {
    return read(() -> lastTaskEndedNanos == Nanos.NONE ? clock.nanos() : lastTaskEndedNanos);
  }
}
