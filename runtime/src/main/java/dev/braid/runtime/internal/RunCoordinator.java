package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
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
import org.jspecify.annotations.Nullable;

/**
 * The one owner of a run's state, behind one lock: each step's progress, the attempts in flight,
 * the stop decision, who holds each step and whether the run has settled.
 *
 * <p>Every transition decides under {@link #lock} and collects what must follow as {@link
 * Effects}: threads to start or interrupt, alarms to arm or cancel, listener events, the caller to
 * let go. They run once the lock is released, never under it, so that no step code, listener or
 * thread start ever holds up another step's transition, and listener events for a step are told
 * in the order its state changed. The exceptions are by design: {@link DependencyGates}, which
 * thousands of steps pass at once, stay lock-free, and {@link #stopping()} is readable without the
 * lock (a volatile written under it), for checks on hot paths that the lock then confirms.
 *
 * <p>The first of these stops the run: a step that fails (unless it is optional), a step that
 * returns an incomplete {@link ConversationState}, the caller's interrupt or an async cancel
 * ({@link Stop#CANCELLED}), the deadline, and a model call a budget refused or that overran its
 * own ({@link Stop#BUDGET}). From then on no step begins and no attempt or retry starts. In-flight
 * inline attempts of a watched run are interrupted and abandoned if they outlive their grace;
 * attempts on their own thread are shielded, and abandoned after their grace only at the deadline;
 * the scope interrupts every other step. Later failures are kept as suppressed.
 *
 * <p>A run settles when its caller may assemble the result: when the scope has closed, or, once an
 * attempt was abandoned (whose thread may hold the scope open for long), when no step can change
 * the outcome any more ({@link #settleIfDecided}).
 *
 * <p>Thread-safe.
 */
final class RunCoordinator {
  /** Why a run stopped before all its steps ran. */
  enum Stop { FAILED, STOPPED_EARLY, CANCELLED, DEADLINE, BUDGET }

  private final Schedule schedule;
  private final RunClock clock;
  private final long deadlineNanos;
  private final StepProgress[] steps;
  private final DependencyGates gates;
  private final RunId id;
  private final RunOutputs outputs;
  private final @Nullable ResumePlan resume;
  private final @Nullable RunObserver observer;
  /** The timers of a watched run's inline attempts and deadline; null if it is not watched. */
  private final @Nullable AttemptWatch watch;
  /** Opens when the caller of a watched run may stop waiting; null if the run is not watched. */
  private final @Nullable CountDownLatch settled;

  private final ReentrantLock lock = new ReentrantLock();
  /** Written under the lock; read without it where a stale false is confirmed under the lock. */
  private volatile boolean stopping;
  private @Nullable StepRunner runner; // guarded by lock; set before the steps start
  private @Nullable Stop stop; // guarded by lock
  private int stopStep = -1; // guarded by lock
  private @Nullable ConversationState<?> stopState; // guarded by lock
  private @Nullable BudgetExceededException budgetStop; // guarded by lock
  private final List<Throwable> suppressed = new ArrayList<>(); // guarded by lock
  private List<String> runningAtStop = List.of(); // guarded by lock
  /** Step tasks not yet ended. */
  private int unfinished; // guarded by lock
  /** On a replaced time source, when the last step task ended; {@link Nanos#NONE} until then. */
  private long lastTaskEndedNanos = Nanos.NONE; // guarded by lock
  /** Whether the run owes its caller the busy count it borrowed ({@link #borrowCallersCount}). */
  private boolean owesCaller; // guarded by lock
  /** Per step, its attempt on a thread of its own; made by the first, as most runs have none. */
  private @Nullable Attempt @Nullable [] ownThreads; // guarded by lock
  /**
   * Per step in a watched run or one on a replaced time source, the thread holding it: its scope
   * thread from when the task starts, then any it was handed to. Guarded by lock.
   */
  private final @Nullable Thread @Nullable [] holders;
  /** Threads steps were handed to after an abandoned attempt; a stop interrupts them. */
  private final List<Thread> handedTo = new ArrayList<>(); // guarded by lock
  private boolean abandonedAny; // guarded by lock
  /** The thread waiting in the run's scope, woken by a stop; null outside the scope. */
  private @Nullable Thread scopeOwner; // guarded by lock
  private boolean ownerWoken; // guarded by lock

  /**
   * @param deadlineNanos when the run must end on the run clock's {@link RunClock#nanos()} axis,
   *     or {@link Nanos#NONE}
   * @param resume the steps whose earlier outputs this run reuses, or null
   * @param watched whether the run can abandon attempts running inline
   * @param observer who hears of the run, or null if no one listens
   */
  RunCoordinator(Schedule schedule, RunClock clock, long deadlineNanos,
      @Nullable ResumePlan resume, boolean watched, RunId id,
      Function<RunCoordinator, @Nullable RunObserver> observer) {
    this.id = id;
    int size = schedule.size();
    this.schedule = schedule;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
    this.steps = new StepProgress[size];
    this.watch = watched ? new AttemptWatch(this, lock, clock, size, deadlineNanos) : null;
    this.holders = watched || !clock.real() ? new Thread[size] : null;
    this.settled = watched ? new CountDownLatch(1) : null;
    int[] waiting = new int[size];
    for (int i = 0; i < size; i++) {
      steps[i] = new StepProgress();
      waiting[i] = schedule.step(i).dependencyCount();
    }
    for (int i = 0; i < size; i++) {
      if (resume != null && resume.reused(i)) {
        steps[i].status = StepStatus.REUSED;
        steps[i].output = resume.output(i);
        for (int dependent : schedule.dependents(i)) {
          waiting[dependent]--;
        }
      } else {
        unfinished++;
      }
    }
    this.gates = new DependencyGates(clock, waiting);
    this.resume = resume;
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

  /** Lets {@code runner} go on with steps whose attempts were abandoned; before steps start. */
  void resumeWith(StepRunner runner) {
    lock.lock();
    try {
      this.runner = runner;
    } finally {
      lock.unlock();
    }
  }

  /** The run's one lock, which also guards its {@link Attempt}s and its {@link AttemptWatch}. */
  ReentrantLock lock() {
    return lock;
  }

  private Effects effects() {
    return new Effects(lock);
  }

  // ---- Dependencies and the run's busy count on a virtual time source ----

  /** Waits for the step's dependencies; false if the run stopped first. */
  boolean awaitReady(int index) {
    // An interrupt means the run stopped before this step could start.
    return gates.await(index) && !stopping;
  }

  /** Counts busy every step that waits for no dependency; once, before the run forks its steps. */
  void readyRoots() {
    for (int i = 0; i < steps.length; i++) {
      if (resume == null || !resume.reused(i)) {
        gates.openAtStart(i);
      }
    }
  }

  /**
   * Borrows the busy count of the caller, a step of a parent run on the same time source that
   * waits for this child run: without it, time could not move while the child's steps wait on
   * it. Called after {@link #readyRoots}, so that the count never drops to zero between the two.
   */
  void borrowCallersCount() {
    lock.lock();
    try {
      owesCaller = true;
    } finally {
      lock.unlock();
    }
    clock.idle();
  }

  /**
   * Gives the caller its busy count back, once: as the last step task ends, before that thread
   * goes idle, or when the caller returns, whichever comes first.
   */
  void repayCaller() {
    boolean owed;
    lock.lock();
    try {
      owed = owesCaller;
      owesCaller = false;
    } finally {
      lock.unlock();
    }
    if (owed) {
      clock.busy();
    }
  }

  /** Called last by the step's first thread: gives back the count its gate's opening took. */
  void leaveGate(int index) {
    gates.leave(index);
  }

  private void releaseDependents(int index, Effects effects) {
    effects.then(() -> {
      for (int dependent : schedule.dependents(index)) {
        gates.release(dependent);
      }
    });
  }

  // ---- Step transitions ----

  /** Notes that the calling scope thread holds the step; called as its task starts. */
  void hold(int index) {
    if (holders != null) {
      lock.lock();
      try {
        holders[index] = Thread.currentThread();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Notes that the step's condition is being evaluated, unless the run is stopping; false means
   * it must not be. A run that stops meanwhile does not settle before {@link #decided}.
   */
  boolean deciding(int index) {
    lock.lock();
    try {
      steps[index].deciding = !stopping;
      return !stopping;
    } finally {
      lock.unlock();
    }
  }

  /** The step's condition has been evaluated. */
  void decided(int index) {
    Effects effects = effects();
    lock.lock();
    try {
      steps[index].deciding = false;
      settleIfDecided(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** Marks the step started unless the run is stopping; false means it must not start. */
  boolean begin(int index) {
    lock.lock();
    try {
      if (stopping) {
        return false;
      }
      StepProgress step = steps[index];
      step.startedNanos = clock.nanos();
      step.running = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Records an attempt of the step that ended, and tells the listeners. */
  void attemptEnded(int index, AttemptRecord record) {
    lock.lock();
    try {
      steps[index].addAttempt(record);
    } finally {
      lock.unlock();
    }
    if (observer != null) {
      observer.attemptEnded(index, record);
    }
  }

  /** Tells the listeners that the step retries after {@code pause}. */
  void retrying(int index, AttemptRecord failed, Duration pause) {
    if (observer != null) {
      observer.retrying(index, failed, pause);
    }
  }

  /** Records a success; the step ends at {@code endNanos}, when its last attempt did. */
  void succeeded(int index, @Nullable Object value, long endNanos) {
    end(index, StepStatus.SUCCEEDED, endNanos, step -> {
      step.output = value;
      step.endedWithAttempt = true;
    }, null);
  }

  void stoppedEarly(int index, ConversationState<?> state) {
    end(index, StepStatus.STOPPED_EARLY, clock.nanos(), step -> {},
        effects -> decideStop(Stop.STOPPED_EARLY, index, state, null, effects));
  }

  /** Records a failure: an optional step's dependents go on; any other step's failure stops the run. */
  void failed(int index, Throwable failure) {
    end(index, StepStatus.FAILED, clock.nanos(), step -> step.failure = failure,
        schedule.optional(index) ? null
            : effects -> decideStop(Stop.FAILED, index, null, failure, effects));
  }

  /** The step's condition was false: it did not run, and its dependents go on without it. */
  void skipped(int index) {
    end(index, StepStatus.SKIPPED, clock.nanos(), step -> {}, null);
  }

  void cancelled(int index) {
    end(index, StepStatus.CANCELLED, clock.nanos(), step -> {}, effects -> {});
  }

  /** The step had begun, but the run stopped before its first attempt could start. */
  void neverStarted(int index) {
    end(index, StepStatus.NOT_STARTED, clock.nanos(), step -> {}, effects -> {});
  }

  /**
   * Ends step {@code index}: records it, tells the listeners, then lets its dependents go unless
   * {@code stops} (the stop it decides, or nothing for a step that ends without releasing them).
   */
  private void end(int index, StepStatus status, long endNanos,
      Consumer<StepProgress> record,
      @Nullable Consumer<Effects> stops) {
    Effects effects = effects();
    lock.lock();
    try {
      StepProgress step = steps[index];
      record.accept(step);
      step.status = status;
      step.finishedNanos = endNanos;
      step.running = false;
      if (observer != null) {
        effects.then(() -> observer.stepEnded(index));
      }
      if (stops != null) {
        stops.accept(effects);
      } else if (!stopping || status != StepStatus.FAILED) {
        releaseDependents(index, effects);
      }
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** Keeps a child run the step started, for its record. */
  void addChild(int index, PipelineResult<?> child) {
    lock.lock();
    try {
      StepProgress step = steps[index];
      List<PipelineResult<?>> children = new ArrayList<>(step.children.size() + 1);
      children.addAll(step.children);
      children.add(child);
      step.children = List.copyOf(children);
    } finally {
      lock.unlock();
    }
  }

  /** The child runs the step started, in the order they ended. */
  List<PipelineResult<?>> children(int index) {
    lock.lock();
    try {
      return steps[index].children;
    } finally {
      lock.unlock();
    }
  }

  // ---- Attempts in flight ----

  /**
   * Starts watching an inline attempt about to start, unless the run is stopping; false means it
   * must not start and the caller withdraws it. Only in a watched run.
   */
  boolean startInline(Attempt attempt) {
    Effects effects = effects();
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
    lock.lock();
    try {
      return attempt.withdraw();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands the step of an inline attempt the watch has just abandoned to a new thread, which
   * classifies the attempt and goes on with the step; the abandoned thread leaves it alone from
   * then on. Under the lock.
   */
  void handOver(Attempt abandoned, Effects effects) {
    int index = abandoned.index();
    StepRunner resumer = Objects.requireNonNull(runner);
    Thread next =
        Thread.ofVirtual().name(threadName(index)).unstarted(() -> resumer.resume(abandoned));
    abandonedAny = true;
    if (holders != null) {
      holders[index] = next;
    }
    handedTo.add(next);
    // Counted busy before it starts; it gives the count back as it ends (StepRunner.resume).
    effects.then(clock::busy);
    effects.start(next);
    // A stop decided between this and the start may have interrupted it before it was alive.
    effects.then(() -> {
      if (stopping) {
        next.interrupt();
      }
    });
  }

  /** Starts an attempt on its own thread unless the run is stopping; false if it did not start. */
  boolean startOwnThread(Attempt attempt) {
    Effects effects = effects();
    lock.lock();
    try {
      if (stopping) {
        return false;
      }
      if (ownThreads == null) {
        ownThreads = new Attempt[steps.length];
      }
      ownThreads[attempt.index()] = attempt;
      attempt.start(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
    return true;
  }

  /** Forgets an attempt on its own thread once its step has stopped waiting for it. */
  void ownThreadOver(Attempt attempt) {
    lock.lock();
    try {
      if (ownThreads != null && ownThreads[attempt.index()] == attempt) {
        ownThreads[attempt.index()] = null;
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- The scope, settling and the end of the run ----

  /** Called by the scope's owner before it forks the steps. */
  void enterScope() {
    lock.lock();
    try {
      scopeOwner = Thread.currentThread();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Called by the scope's owner once the scope has closed; clears a wake-up not yet consumed and
   * says whether the run woke the owner, so that an interrupt it caught was the run's, not its
   * caller's.
   */
  boolean leaveScope() {
    lock.lock();
    try {
      scopeOwner = null;
      if (ownerWoken) {
        Thread.interrupted();
      }
      return ownerWoken;
    } finally {
      lock.unlock();
    }
  }

  /** Opens the watch's alarm for the deadline; called once the steps are forked. */
  void openWatch() {
    Effects effects = effects();
    lock.lock();
    try {
      if (watch != null) {
        watch.open(effects);
      }
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** Disarms the watch once the outcome is decided. */
  void closeWatch() {
    Effects effects = effects();
    lock.lock();
    try {
      if (watch != null) {
        watch.close(effects);
      }
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** Called once by each step's task as it ends, however it ended, on the thread holding it. */
  void stepTaskEnded() {
    Effects effects = effects();
    lock.lock();
    try {
      if (--unfinished == 0 && !clock.real()) {
        lastTaskEndedNanos = clock.nanos();
        if (owesCaller) {
          owesCaller = false;
          effects.then(clock::busy);
        }
      }
      settleIfDecided(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /**
   * When the run ended, for its result: now, except on a replaced time source, where it is when
   * the last step task ended, before that thread went idle; a virtual source may move on to an
   * alarm left over (a deadline, a grace) before the caller gets to read the time.
   */
  long endNanos() {
    lock.lock();
    try {
      return lastTaskEndedNanos == Nanos.NONE ? clock.nanos() : lastTaskEndedNanos;
    } finally {
      lock.unlock();
    }
  }

  /** Called by a watched run's scope owner once the scope has closed. */
  void scopeClosed() {
    Effects effects = effects();
    lock.lock();
    try {
      if (abandonedAny) {
        settleIfDecided(effects);
      } else if (settled != null) {
        effects.then(settled::countDown);
      }
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /**
   * Lets the caller of a run that abandoned an attempt go once no step can run any more: every
   * step has ended, or the run is stopping and none is running or deciding. Steps that have not begun never will, as {@link #begin}
   * refuses. Under the lock.
   */
  private void settleIfDecided(Effects effects) {
    if (!abandonedAny || settled == null || settled.getCount() == 0) {
      return;
    }
    boolean decided = unfinished == 0;
    if (!decided && stopping) {
      decided = true;
      for (StepProgress step : steps) {
        if (step.running || step.deciding) {
          decided = false;
          break;
        }
      }
    }
    if (decided) {
      effects.then(settled::countDown);
    }
  }

  /**
   * Waits until the caller of a watched run may assemble its result: the scope has closed, or an
   * attempt was abandoned and the run's outcome is decided.
   */
  void awaitSettled() throws InterruptedException {
    if (settled != null) {
      settled.await();
    }
  }

  /** Whether the run abandoned an inline attempt, whose thread may still hold the scope. */
  boolean abandonedAny() {
    lock.lock();
    try {
      return abandonedAny;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every thread holding a step has ended; called once the run has settled, when each
   * has ended its step. Returns whether the caller was interrupted meanwhile.
   */
  boolean joinHolders() {
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      if (holders == null) {
        return false;
      }
      for (Thread thread : holders) {
        if (thread != null) {
          threads.add(thread);
        }
      }
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
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
    Effects effects = effects();
    lock.lock();
    try {
      if (stop == null) {
        budgetStop = exceeded;
      }
      decideStop(Stop.BUDGET, index, null, null, effects);
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** Stops the run from outside its steps: a cancel or the deadline. No effect once it has ended. */
  void stop(Stop reason) {
    Effects effects = effects();
    lock.lock();
    try {
      decideStop(reason, -1, null, null, effects);
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** The watch saw the deadline pass. Under the lock. */
  void stopForDeadline(Effects effects) {
    decideStop(Stop.DEADLINE, -1, null, null, effects);
  }

  /** The stop decision, under the lock; what it interrupts and wakes is left to {@code effects}. */
  private void decideStop(Stop reason, int index, @Nullable ConversationState<?> state,
      @Nullable Throwable failure, Effects effects) {
    if (stop != null || index < 0 && unfinished == 0) {
      if (failure != null) {
        suppressed.add(failure);
      }
      if (reason == Stop.DEADLINE) {
        // Already stopping, but the deadline still bounds how long shielded steps are waited for.
        stopOwnThreads(true, effects);
      }
      return;
    }
    stop = reason;
    stopStep = index;
    stopState = state;
    stopping = true;
    List<String> running = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      if (steps[i].running) {
        running.add(schedule.step(i).name());
      }
    }
    runningAtStop = List.copyOf(running);
    stopOwnThreads(reason == Stop.DEADLINE, effects);
    if (watch != null) {
      watch.stop(effects);
    }
    handedTo.forEach(effects::interrupt);
    if (holders != null && !clock.real()) {
      // On a virtual time source, time may move on as soon as the stopping thread is idle, so a
      // step pausing to retry must be woken now, not when the scope's owner gets to it.
      Thread current = Thread.currentThread();
      for (Thread holder : holders) {
        if (holder != null && holder != current) {
          effects.interrupt(holder);
        }
      }
    }
    Thread owner = scopeOwner;
    if (owner != null && owner != Thread.currentThread() && !ownerWoken) {
      ownerWoken = true;
      effects.interrupt(owner);
    }
    settleIfDecided(effects);
  }

  private void stopOwnThreads(boolean hardLimit, Effects effects) {
    if (ownThreads == null) {
      return;
    }
    long now = clock.nanos();
    for (Attempt attempt : ownThreads) {
      if (attempt != null) {
        attempt.stop(now, hardLimit, effects);
      }
    }
  }

  // ---- What the run's result reads once it has settled ----

  /** The run's id, the caller's or a random one made on first use. */
  String runId() {
    return id.get();
  }

  /** The name of every thread that runs step {@code index}: {@code braid OrderFlow/enrich run 3f2a…}. */
  String threadName(int index) {
    return schedule.threadName(index) + " run " + id.get();
  }

  /** How the run stopped, or null if it did not; read once it has settled. */
  @Nullable Stopped stopped() {
    lock.lock();
    try {
      return stop == null ? null : new Stopped(stop, stopStep, stopState,
          stop == Stop.BUDGET ? budgetStop : null, runningAtStop, List.copyOf(suppressed));
    } finally {
      lock.unlock();
    }
  }

  /** Failures that came after the caller's interrupt ended the run. */
  List<Throwable> suppressed() {
    lock.lock();
    try {
      return List.copyOf(suppressed);
    } finally {
      lock.unlock();
    }
  }

  /**
   * How a run stopped.
   *
   * @param step the step that stopped it, or -1 if it stopped from outside its steps
   * @param state the incomplete state of a step that stopped it early
   * @param budget the budget exception that stopped it, if a budget did
   * @param runningAtStop the steps running or pausing to retry when it stopped
   */
  record Stopped(Stop reason, int step, @Nullable ConversationState<?> state,
      @Nullable BudgetExceededException budget, List<String> runningAtStop,
      List<Throwable> suppressed) {}
}
