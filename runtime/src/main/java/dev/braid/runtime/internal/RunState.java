package dev.braid.runtime.internal;

import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of a run's state: each step's progress, who may start, and whether and why the
 * run is stopping.
 *
 * <p>The first of these stops the run, and the decision is taken under {@link #lock}: a step that
 * fails (unless it is optional), a step that returns an incomplete {@link ConversationState}, the
 * caller's interrupt or an async cancel ({@link Stop#CANCELLED}), the deadline, and a model call
 * a budget refused or that overran its own ({@link Stop#BUDGET}). From then on no
 * step starts and no attempt or retry begins; attempts the run may abandon or shield are told at
 * once ({@link AttemptWatch#stop}, {@link Attempt#stop}), as are threads a step was handed
 * to, and the scope interrupts the rest. Later failures are kept as suppressed. Step code never
 * runs under the lock.
 *
 * <p>In a run that can abandon attempts running inline (a <em>watched</em> run, one with a
 * deadline or an interruptible step with a timeout), it also tracks the thread holding each step,
 * so that the caller of {@code execute} can stop waiting for the scope once the run's outcome is
 * decided: {@link #awaitSettled()} returns when the scope has closed, or, once an attempt has been
 * abandoned, when no step is running any more and the outcome cannot change.
 *
 * <p>Thread-safe. Per-step progress follows the rules of {@link StepProgress}.
 */
final class RunState {
  /** Why a run stopped before all its steps ran. */
  enum Stop { FAILED, STOPPED_EARLY, CANCELLED, DEADLINE, BUDGET }

  private final Schedule schedule;
  private final RunClock clock;
  private final long deadlineNanos;
  private final StepProgress[] steps;
  private final DependencyGates gates;
  private final ScopeOwner owner = new ScopeOwner();
  private final RunId id;
  private final RunOutputs outputs;
  private final @Nullable ResumePlan resume;

  private final Object lock = new Object();
  /** Set before the run's threads start, which orders the write before their reads. */
  private @Nullable RunObserver observer;
  /** Set before the run's threads start, like {@link #observer}. */
  private @Nullable StepRunner runner;
  private volatile boolean stopping;
  private @Nullable Stop stop; // guarded by lock
  private int stopStep = -1; // guarded by lock
  private @Nullable ConversationState<?> stopState; // guarded by lock
  private @Nullable BudgetExceededException budgetStop; // guarded by lock
  private final List<Throwable> suppressed = new ArrayList<>(); // guarded by lock
  private List<String> runningAtStop = List.of(); // guarded by lock
  /** Step tasks not yet ended; counted down without the lock, read under it by {@link #stop}. */
  private final AtomicInteger unfinished = new AtomicInteger();
  /** On a replaced time source, when the last step task ended; {@link Nanos#NONE} until then. */
  private volatile long lastTaskEndedNanos = Nanos.NONE;
  /** Whether the run owes its caller the busy count it borrowed ({@link #borrowCallersCount}). */
  private final AtomicBoolean owesCaller = new AtomicBoolean();
  /**
   * The attempt running on a thread of its own, per step (a step runs one at a time); made by the
   * first such attempt, as most runs have none.
   */
  private @Nullable Attempt @Nullable [] detached; // guarded by lock
  /** The timers of a watched run's inline attempts and deadline; null if it is not watched. */
  private final @Nullable AttemptWatch watch;
  /**
   * Per step in a watched run or one on a replaced time source, the thread holding it: its scope
   * thread from when the task starts, then any it was handed to. Written by the scope thread
   * before it reads its condition or begins, and by {@link #handOver} under the lock.
   */
  private final @Nullable Thread @Nullable [] holders;
  /** Threads steps were handed to after an abandoned attempt; a stop interrupts them. */
  private final List<Thread> handedTo = new ArrayList<>(); // guarded by lock
  private volatile boolean abandonedAny;
  /** Opens when the caller of a watched run may stop waiting; null if the run is not watched. */
  private final @Nullable CountDownLatch settled;

  /**
   * @param deadlineNanos when the run must end on the run clock's {@link RunClock#nanos()} axis,
   *     or {@link Nanos#NONE}
   * @param resume the steps whose earlier outputs this run reuses, or null
   * @param watched whether the run can abandon attempts running inline
   */
  RunState(Schedule schedule, RunClock clock, long deadlineNanos, @Nullable ResumePlan resume,
      boolean watched, @Nullable String runId) {
    this.id = new RunId(runId);
    int size = schedule.size();
    this.schedule = schedule;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
    this.steps = new StepProgress[size];
    this.watch = watched ? new AttemptWatch(this, size, deadlineNanos) : null;
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
        unfinished.incrementAndGet();
      }
    }
    this.gates = new DependencyGates(clock, waiting);
    this.resume = resume;
    this.outputs = new RunOutputs(schedule, steps);
  }

  /** What step bodies read their dependencies' outputs from. */
  RunOutputs outputs() {
    return outputs;
  }

  RunClock clock() {
    return clock;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  StepProgress progress(int index) {
    return steps[index];
  }

  boolean stopping() {
    return stopping;
  }

  /** The watch of a watched run, or null. */
  @Nullable AttemptWatch watch() {
    return watch;
  }

  /** Waits for the step's dependencies; false if the run stopped first. */
  boolean awaitReady(int index) {
    // An interrupt means the run stopped before this step could start.
    return gates.await(index) && !stopping;
  }

  /**
   * Counts busy, on the run's clock, every step that runs and waits for no dependency; called once,
   * before the run forks its steps.
   */
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
    owesCaller.set(true);
    clock.idle();
  }

  /**
   * Gives the caller its busy count back, once: as the last step task ends, before that thread
   * goes idle, or when the caller returns, whichever comes first.
   */
  void repayCaller() {
    if (owesCaller.compareAndSet(true, false)) {
      clock.busy();
    }
  }

  /**
   * Called last by the step's first thread, however the step went: gives back the busy count its
   * gate's opening took ({@link DependencyGates#leave}).
   */
  void leaveGate(int index) {
    gates.leave(index);
  }

  /** Marks the step started unless the run is stopping; false means it must not start. */
  boolean begin(int index) {
    // Without the lock, as steps begin by the thousand at once: the step is marked running before
    // reading whether the run is stopping, and a stop sets that before listing the running steps,
    // so a step that begins is listed. One that then sees the stop takes its mark back, and
    // leaves the list the stop may have put it on.
    StepProgress step = steps[index];
    step.startedNanos = clock.nanos();
    step.running = true;
    if (!stopping) {
      return true;
    }
    synchronized (lock) {
      step.running = false;
      String name = schedule.step(index).name();
      if (runningAtStop.contains(name)) {
        List<String> running = new ArrayList<>(runningAtStop);
        running.remove(name);
        runningAtStop = List.copyOf(running);
      }
    }
    return false;
  }

  /** Notes that the calling scope thread holds the step; called as its task starts. */
  void hold(int index) {
    if (holders != null) {
      holders[index] = Thread.currentThread();
    }
  }

  /**
   * Starts watching an attempt about to run inline unless the run is stopping; false means it
   * must not start. Only in a watched run.
   */
  boolean start(Attempt attempt) {
    return watch != null && watch.add(attempt);
  }

  /**
   * Hands the step of an attempt the watch has just abandoned to a new thread, which records how
   * the attempt ended and goes on with the step; the abandoned thread leaves it alone from then on.
   */
  void handOver(Attempt abandoned) {
    int index = abandoned.index();
    StepRunner resumer = Objects.requireNonNull(runner);
    Thread next =
        Thread.ofVirtual().name(threadName(index)).unstarted(() -> resumer.resume(abandoned));
    synchronized (lock) {
      abandonedAny = true;
      if (holders != null) {
        holders[index] = next;
      }
      handedTo.add(next);
      // Counted busy before it starts; it gives the count back as it ends (StepRunner.resume).
      clock.busy();
      // Started under the lock, so that a stop either sees it running or it sees the stop.
      next.start();
    }
  }

  /** Starts an attempt on its own thread unless the run is stopping; false means it did not start. */
  boolean register(Attempt attempt) {
    synchronized (lock) {
      if (stopping) {
        return false;
      }
      if (detached == null) {
        detached = new Attempt[steps.length];
      }
      detached[attempt.index()] = attempt;
      attempt.start();
      return true;
    }
  }

  void unregister(Attempt attempt) {
    synchronized (lock) {
      if (detached != null && detached[attempt.index()] == attempt) {
        detached[attempt.index()] = null;
      }
    }
  }

  /**
   * Records a success; the step ends when its last attempt did, at {@code endNanos}, so that the
   * two share their recorded time.
   */
  void succeeded(int index, @Nullable Object value, long endNanos) {
    StepProgress step = steps[index];
    step.output = value;
    step.endedWithAttempt = true;
    end(index, StepStatus.SUCCEEDED, endNanos);
    releaseDependents(index);
  }

  void stoppedEarly(int index, ConversationState<?> state) {
    end(index, StepStatus.STOPPED_EARLY);
    stop(Stop.STOPPED_EARLY, index, state, null);
  }

  /** Records a failure: an optional step's dependents go on; any other step's failure stops the run. */
  void failed(int index, Throwable failure) {
    steps[index].failure = failure;
    end(index, StepStatus.FAILED);
    if (!schedule.optional(index)) {
      stop(Stop.FAILED, index, null, failure);
    } else if (!stopping) {
      releaseDependents(index);
    }
  }

  /** The step's condition was false: it did not run, and its dependents go on without it. */
  void skipped(int index) {
    end(index, StepStatus.SKIPPED);
    releaseDependents(index);
  }

  /** Keeps a child run the step started, for its record. */
  void addChild(int index, PipelineResult<?> child) {
    synchronized (lock) {
      // Copied on write, so that a reader without the lock sees a whole list.
      StepProgress step = steps[index];
      List<PipelineResult<?>> children = new ArrayList<>(step.children.size() + 1);
      children.addAll(step.children);
      children.add(child);
      step.children = children;
    }
  }

  /** The child runs the step started, in the order they ended. */
  List<PipelineResult<?>> children(int index) {
    if (steps[index].children.isEmpty()) {
      return List.of(); // as most steps start none, without taking the lock
    }
    synchronized (lock) {
      return List.copyOf(steps[index].children);
    }
  }

  void cancelled(int index) {
    end(index, StepStatus.CANCELLED);
  }

  /** The step had begun, but the run stopped before its first attempt could start. */
  void neverStarted(int index) {
    end(index, StepStatus.NOT_STARTED);
  }

  private void end(int index, StepStatus status) {
    end(index, status, clock.nanos());
  }

  private void end(int index, StepStatus status, long finishedNanos) {
    StepProgress step = steps[index];
    step.status = status;
    step.finishedNanos = finishedNanos;
    // A volatile write rather than the lock: a stop that reads it either way is a valid order.
    step.running = false;
    RunObserver observing = observer;
    if (observing != null) {
      observing.stepEnded(index);
    }
  }

  /** Lets {@code runner} go on with steps whose attempts were abandoned; set before the run starts. */
  void resumeWith(StepRunner runner) {
    this.runner = runner;
  }

  /** Lets {@code observer} hear of the run; set once, before the run starts. */
  void observe(RunObserver observer) {
    this.observer = observer;
  }

  /** Who hears of the run, or null if no one listens. */
  @Nullable RunObserver observer() {
    return observer;
  }

  private void releaseDependents(int index) {
    for (int dependent : schedule.dependents(index)) {
      gates.release(dependent);
    }
  }

  /** Called once by each step's task as it ends, however it ended, on the thread holding it. */
  void stepTaskEnded() {
    if (unfinished.decrementAndGet() == 0 && !clock.real()) {
      lastTaskEndedNanos = clock.nanos();
      repayCaller();
    }
    if (abandonedAny) {
      settleIfDecided();
    }
  }

  /**
   * When the run ended, for its result: now, except on a replaced time source, where it is when
   * the last step task ended, before that thread went idle; a virtual source may move on to an
   * alarm left over (a deadline, a grace) before the caller gets to read the time.
   */
  long endNanos() {
    long ended = lastTaskEndedNanos;
    return ended == Nanos.NONE ? clock.nanos() : ended;
  }

  /** Called by a watched run's scope owner once the scope has closed. */
  void scopeClosed() {
    if (settled == null) {
      return;
    }
    if (abandonedAny) {
      settleIfDecided();
    } else {
      settled.countDown();
    }
  }

  /**
   * Opens {@link #settled} once no step can run any more: every step has ended, or the run is
   * stopping and none is running. Steps that have not begun never will, as {@link #begin} refuses.
   */
  private void settleIfDecided() {
    if (settled == null || settled.getCount() == 0) {
      return;
    }
    boolean decided = unfinished.get() == 0;
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
      settled.countDown();
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

  /** Whether the run abandoned an attempt running inline, whose thread may still hold the scope. */
  boolean abandonedAny() {
    return abandonedAny;
  }

  /**
   * Notes that an attempt is being abandoned, before its thread can see it: from then on the
   * caller no longer waits for the scope, whose owner waits for that thread.
   */
  void abandoning() {
    abandonedAny = true;
  }

  /**
   * Waits until every thread holding a step has ended; called once the run has settled, when each
   * has ended its step. Returns whether the caller was interrupted meanwhile.
   */
  boolean joinHolders() {
    List<Thread> threads = new ArrayList<>();
    synchronized (lock) {
      if (holders == null) {
        return false;
      }
      for (Thread thread : holders) {
        if (thread != null) {
          threads.add(thread);
        }
      }
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
      interrupted |= Uninterruptibly.join(thread);
    }
    return interrupted;
  }

  /**
   * Stops the run because a call of step {@code index} met a budget, whether or not the step lets
   * the exception escape; the step's own failure, if any, comes later and is not the cause.
   */
  void stopForBudget(int index, BudgetExceededException exceeded) {
    synchronized (lock) {
      if (stop == null) {
        budgetStop = exceeded;
      }
    }
    stop(Stop.BUDGET, index, null, null);
  }

  /** Stops the run from outside its steps: a cancel or the deadline. No effect once it has ended. */
  void stop(Stop reason) {
    stop(reason, -1, null, null);
  }

  private void stop(
      Stop reason, int index, @Nullable ConversationState<?> state, @Nullable Throwable failure) {
    synchronized (lock) {
      if (stop != null || index < 0 && unfinished.get() == 0) {
        if (failure != null) {
          suppressed.add(failure);
        }
        if (reason == Stop.DEADLINE) {
          // Already stopping, but the deadline still bounds how long shielded steps are waited for.
          stopDetached(true);
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
      stopDetached(reason == Stop.DEADLINE);
      if (watch != null) {
        watch.stop();
      }
      handedTo.forEach(Thread::interrupt);
      if (!clock.real()) {
        interruptHolders();
      }
    }
    owner.stop();
    if (abandonedAny) {
      settleIfDecided();
    }
  }

  /**
   * Interrupts every other thread holding a step at once, as the scope will: on a virtual time
   * source, time may move on as soon as the stopping thread is idle, so a step pausing to retry
   * must be woken before then, not when the scope's owner gets to it. Called under lock.
   */
  private void interruptHolders() {
    Thread current = Thread.currentThread();
    for (Thread holder : Objects.requireNonNull(holders)) {
      if (holder != null && holder != current) {
        holder.interrupt();
      }
    }
  }

  /** Tells every attempt on a thread of its own that the run is stopping; called under lock. */
  private void stopDetached(boolean hardLimit) {
    if (detached == null) {
      return;
    }
    long now = clock.nanos();
    for (Attempt attempt : detached) {
      if (attempt != null) {
        attempt.stop(now, hardLimit);
      }
    }
  }

  /** The run's id, the caller's or a random one made on first use. */
  String runId() {
    return id.get();
  }

  /**
   * The name of every thread that runs step {@code index} in this run, its first attempt's and any
   * other's: {@code braid OrderFlow/enrich run 3f2a…}, so that a thread dump tells runs apart.
   */
  String threadName(int index) {
    return schedule.threadName(index) + " run " + id.get();
  }

  /** The thread that waits in the run's scope, woken when the run stops. */
  ScopeOwner owner() {
    return owner;
  }

  @Nullable Stop stopReason() {
    synchronized (lock) {
      return stop;
    }
  }

  int stopStep() {
    synchronized (lock) {
      return stopStep;
    }
  }

  @Nullable ConversationState<?> stopState() {
    synchronized (lock) {
      return stopState;
    }
  }

  /** The budget exception that stopped the run, if a budget did. */
  @Nullable BudgetExceededException budgetStop() {
    synchronized (lock) {
      return stop == Stop.BUDGET ? budgetStop : null;
    }
  }

  List<Throwable> suppressed() {
    synchronized (lock) {
      return List.copyOf(suppressed);
    }
  }

  /** The steps that were running or pausing to retry when the run stopped. */
  List<String> runningAtStop() {
    synchronized (lock) {
      return runningAtStop;
    }
  }
}
