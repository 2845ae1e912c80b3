package dev.braid.runtime.internal;

import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * One run of a pipeline: runs each step on a virtual thread, and turns the outcome into a
 * result or an exception. The run's state lives in its {@link RunCoordinator}; a step's life in
 * {@link StepRunner}; one attempt in {@link Attempt}.
 *
 * <p>Each step runs on a virtual thread and starts the moment its last dependency has finished: the
 * thread that finished that dependency runs the step next, unless it let another step go first
 * ({@link DependencyGates}). Any other step gets a thread of its own: on Braid's own scope, started
 * at that moment ({@link RunScope#startsWhenReady()}); on {@code StructuredTaskScope}, where only
 * the owner may fork, started with the run, parked at the step's gate until then. The scope's
 * owner, blocked in {@code join()}, wakes when every step has ended, or when the run stops: a stop
 * interrupts it ({@link InFlight#stop}), and it cancels the scope. {@link #execute()} returns after
 * every thread of the run has ended, except the threads of attempts the run abandoned because they
 * ignored their interrupt.
 *
 * <p>A virtual caller owns the scope, as does a platform caller of a run that starts with several
 * steps. A watched run ({@link RunSettings#watched()}) may abandon an inline attempt, whose thread
 * Braid's own scope leaves behind once the run has settled ({@link RunScope#leavesAbandoned()});
 * {@code StructuredTaskScope}'s {@code close()} waits for all its threads, so there a thread of the
 * run's own owns a watched run's scope ({@link #executeOnOwnerThread}).
 *
 * <p>Thread-safe: {@link #cancel()} may be called from any thread; {@link #execute()} once.
 */
final class PipelineRun<O extends @Nullable Object> {
  private final Schedule schedule;
  private final RunSettings settings;
  private final StepDispatcher steps;
  private final @Nullable Object @Nullable [] inputs;
  private final @Nullable ResumePlan resume;
  private final RetryPolicy retries;
  private final RunCoordinator coordinator;
  private final RunLedger ledger;
  private final AtomicBoolean executed = new AtomicBoolean();
  /** Whether the run holds a busy count taken as it was launched, to give back as it starts. */
  private final AtomicBoolean launchedBusy = new AtomicBoolean();

  /**
   * Prepares a run; its clock and deadline start now.
   *
   * @param steps runs each step of this run by index
   * @param inputs the run's inputs, kept in its result, or null if the caller did not give them
   * @param resume the steps to reuse from an earlier run, or null to run every step
   */
  public PipelineRun(Schedule schedule, RunSettings settings, StepDispatcher steps,
      @Nullable Object @Nullable [] inputs, @Nullable ResumePlan resume) {
    this(schedule, settings, steps, inputs, resume, RetryPolicy.of(settings.time()));
  }

  /** A run with one body per step and its own retry policy, for tests. */
  PipelineRun(Schedule schedule, RunSettings settings, StepBody[] bodies,
      @Nullable Object @Nullable [] inputs, @Nullable ResumePlan resume, RetryPolicy retries) {
    this(schedule, settings, PlanRunner.dispatcher(bodies), inputs, resume, retries);
  }

  private PipelineRun(Schedule schedule, RunSettings settings, StepDispatcher steps,
      @Nullable Object @Nullable [] inputs, @Nullable ResumePlan resume, RetryPolicy retries) {
    this.schedule = schedule;
    this.settings = settings;
    this.steps = steps;
    this.inputs = inputs == null ? null : inputs.clone();
    this.resume = resume;
    this.retries = retries;
    RunClock clock = RunClock.start(settings.time());
    Duration deadline = settings.deadline();
    ReentrantLock lock = new ReentrantLock();
    this.ledger = new RunLedger(schedule, settings, lock);
    this.coordinator = new RunCoordinator(lock, schedule, clock,
        deadline == null ? RunClock.NONE : RunClock.after(clock.startNanos(), deadline), resume,
        settings.watched(), new RunId(settings.runId()),
        coordinator -> RunListeners.of(settings, schedule, coordinator, ledger));
  }

  /**
   * Runs every step and returns once all threads of the run have ended (abandoned attempts
   * excepted).
   *
   * @throws StepExecutionException if a step that is not optional failed
   * @throws RunCancelledException if the calling thread was interrupted or the run was cancelled
   * @throws RunDeadlineExceededException if the deadline passed first
   */
  public PipelineResult<O> execute() {
    try {
      return executeOnce();
    } finally {
      startedItself(); // if the run ended before it counted its steps
    }
  }

  /**
   * Counts the run busy on its time source until it has counted its first steps itself; called by
   * the thread launching it on a thread of its own, so that a virtual source cannot move on first.
   */
  void countBusyUntilStarted() {
    if (launchedBusy.compareAndSet(false, true)) {
      coordinator.clock().busy();
    }
  }

  /** Takes over the count its launching thread took on {@code launchedOn}; false if not its. */
  boolean takeLaunchCount(TimeSource launchedOn) {
    return settings.time() == launchedOn && launchedBusy.compareAndSet(false, true);
  }

  /** Gives back the count taken as the run was launched, once. */
  private void startedItself() {
    if (launchedBusy.compareAndSet(true, false)) {
      coordinator.clock().idle();
    }
  }

  private PipelineResult<O> executeOnce() {
    if (!executed.compareAndSet(false, true)) {
      throw new IllegalStateException("A PipelineRun executes once");
    }
    RunListeners observer = coordinator.listeners();
    if (observer == null) {
      return run(steps);
    }
    coordinator.tell(RunListeners::runStarted);
    PipelineResult<O> result;
    try {
      result = run(observer.observing(steps));
    } catch (BraidException e) {
      e.partialResult().ifPresent(partial -> coordinator.tell(heard -> heard.runEnded(partial, e)));
      throw e;
    }
    coordinator.tell(heard -> heard.runEnded(result, null));
    return result;
  }

  private PipelineResult<O> run(StepDispatcher steps) {
    CallRunner calls = new CallRunner(schedule, settings, coordinator, retries, ledger);
    StepRunner runner = new StepRunner(schedule, settings, coordinator, steps, calls, retries);
    if (settings.watched()) {
      coordinator.inFlight().resumeWith(runner); // only a watched run hands steps over
    }
    int[] stepOfTask = resume == null ? null : resume.stepsToRun();
    List<Runnable> tasks =
        new PerTask<>(stepOfTask, schedule.size(), step -> () -> runner.run(step));
    List<String> names = new PerTask<>(stepOfTask, schedule.size(), coordinator::threadName);
    RunScope.Readiness readiness = coordinator.gates().readiness(stepOfTask);
    coordinator.gates().openRoots();
    startedItself(); // the roots count the run busy from here
    AttemptContext parent = settings.parent();
    boolean borrows = parent != null && parent.onStepThread()
        && parent.clock().time() == settings.time() && !coordinator.clock().real();
    if (borrows) {
      coordinator.settling().borrowCallersCount();
    }
    try {
      return forkAndFinish(tasks, names, readiness);
    } finally {
      if (borrows) {
        coordinator.settling().repayCaller();
      }
    }
  }

  private PipelineResult<O> forkAndFinish(List<Runnable> tasks, List<String> names,
      RunScope.Readiness readiness) {
    RunScope scope = RunScope.scope();
    boolean watched = settings.watched();
    // Who owns the scope, decided once per run; see executeOnOwnerThread.
    boolean callerOwns = Thread.currentThread().isVirtual() || schedule.roots() > 1;
    if (!callerOwns || watched && !scope.leavesAbandoned()) {
      return executeOnOwnerThread(tasks, names, readiness);
    }
    if (watched) {
      coordinator.inFlight().openWatch();
    }
    InterruptedException interrupted = forkAll(scope, tasks, names, readiness, watched);
    if (watched) {
      coordinator.inFlight().closeWatch();
      if (coordinator.settling().abandonedAny() && coordinator.inFlight().joinHolders()) {
        Thread.currentThread().interrupt();
      }
    }
    return ResultAssembler.finish(schedule, coordinator, ledger, settings, inputs, interrupted);
  }

  /**
   * Forks every task in a scope owned by the calling thread and waits for them; returns the
   * caller's interrupt if that is what ended the wait, or null when every task ended or the run
   * stopped (which interrupts the owner, to wake it). If {@code leavesAbandoned}, the scope of a
   * watched run returns once the run has settled and leaves the threads of the attempts it
   * abandoned behind.
   */
  private @Nullable InterruptedException forkAll(RunScope scope, List<Runnable> tasks,
      List<String> names, RunScope.Readiness readiness, boolean leavesAbandoned) {
    InFlight inFlight = coordinator.inFlight();
    inFlight.enterScope(leavesAbandoned);
    InterruptedException interrupted = null;
    try {
      // A stop that woke the owner is already decided, so this records only a caller's cancel.
      Runnable cancel = () -> coordinator.stop(RunCoordinator.Stop.CANCELLED);
      scope.forkAll(schedule.pipelineName(), tasks, names, coordinator::stopping, cancel,
          readiness, leavesAbandoned ? inFlight : RunScope.Abandonment.NONE);
    } catch (InterruptedException e) {
      interrupted = e;
    } finally {
      if (coordinator.inFlight().leaveScope()) {
        interrupted = null;
      }
    }
    return interrupted;
  }

  /**
   * Runs the run with a virtual thread of its own as the scope's owner, which the caller waits for.
   * A platform caller gets one for a run that starts with one step, so that every step's thread
   * starts from a carrier, which makes a chain faster; the caller of a run that starts with several
   * steps forks them itself, as hand-written code does, while the carriers run the first. A watched
   * run gets one too on a scope whose {@code close()} waits for an abandoned attempt's thread: its
   * caller waits for the run to settle instead, then for the owner, or once an attempt was
   * abandoned only for the threads still holding a step. On a scope that leaves abandoned threads
   * behind, the owner returns once the run has settled, and the caller, woken once, waits for the
   * owner alone. The caller's interrupt cancels the run as it would if the caller owned the scope.
   */
  private PipelineResult<O> executeOnOwnerThread(List<Runnable> tasks, List<String> names,
      RunScope.Readiness readiness) {
    boolean watched = settings.watched();
    boolean ownerLeavesAbandoned = watched && RunScope.scope().leavesAbandoned();
    Owner owner = new Owner(tasks, names, readiness, ownerLeavesAbandoned);
    Thread thread = schedule.ownerThreads().newThread(owner);
    thread.start();
    if (watched) {
      coordinator.inFlight().openWatch();
    }
    InterruptedException interrupted = null;
    while (true) {
      try {
        if (watched && !ownerLeavesAbandoned) {
          coordinator.settling().await();
        } else {
          thread.join();
        }
        break;
      } catch (InterruptedException e) {
        if (interrupted == null) {
          interrupted = e;
          coordinator.stop(RunCoordinator.Stop.CANCELLED);
        }
      }
    }
    if (watched) {
      coordinator.inFlight().closeWatch();
    }
    boolean interruptedLate = coordinator.settling().abandonedAny()
        ? coordinator.inFlight().joinHolders()
        : RunClock.join(thread);
    if (interruptedLate) {
      Thread.currentThread().interrupt();
    }
    Throwable failure = owner.failure;
    if (failure instanceof InterruptedException ownerInterrupted && interrupted == null) {
      interrupted = ownerInterrupted;
    } else if (failure instanceof RuntimeException runtime) {
      throw runtime;
    } else if (failure instanceof Error error) {
      throw error;
    }
    return ResultAssembler.finish(schedule, coordinator, ledger, settings, inputs, interrupted);
  }

  /** The step attempt this run is a child of, or null. */
  @Nullable AttemptContext parent() {
    return settings.parent();
  }

  /**
   * Cancels the run from any thread: interrupts its interruptible steps, starts nothing new, and
   * makes {@link #execute()} throw {@link RunCancelledException}. No effect once the run ended.
   */
  public void cancel() {
    coordinator.stop(RunCoordinator.Stop.CANCELLED);
  }

  /**
   * The scope's owner, a thread of the run's own: starts the tasks and waits for them all, or, if
   * it {@code leavesAbandoned}, until the run has settled without the abandoned ones.
   */
  private final class Owner implements Runnable {
    private final List<Runnable> tasks;
    private final List<String> names;
    private final RunScope.Readiness readiness;
    private final boolean leavesAbandoned;
    /** What the scope threw, if anything; read by the caller after the owner has ended. */
    volatile @Nullable Throwable failure;

    Owner(List<Runnable> tasks, List<String> names, RunScope.Readiness readiness,
        boolean leavesAbandoned) {
      this.tasks = tasks;
      this.names = names;
      this.readiness = readiness;
      this.leavesAbandoned = leavesAbandoned;
    }

    @Override
    public void run() {
      try {
        failure = forkAll(RunScope.scope(), tasks, names, readiness, leavesAbandoned);
      } catch (Throwable t) {
        failure = t;
      } finally {
        coordinator.scopeClosed();
      }
    }
  }

  /**
   * What each task of a run is or is named, made from its step as the scope asks for it: so a step
   * that a dependency's thread takes on Braid's own scope has its name made once, not up front too.
   */
  private static final class PerTask<T> extends AbstractList<T> {
    /** The step of each task, or null if task {@code i} is step {@code i}. */
    private final int @Nullable [] steps;
    private final int size;
    private final IntFunction<T> ofStep;

    PerTask(int @Nullable [] steps, int stepCount, IntFunction<T> ofStep) {
      this.steps = steps;
      this.size = steps == null ? stepCount : steps.length;
      this.ofStep = ofStep;
    }

    @Override
    public T get(int task) {
      Objects.checkIndex(task, size);
      return ofStep.apply(steps == null ? task : steps[task]);
    }

    @Override
    public int size() {
      return size;
    }
  }

  /**
   * A run's id: the caller's, or a random version-4 UUID made the first time something asks. The id
   * names a run in thread names, logs and events, so it must be unique but need not be unguessable:
   * it comes from {@link ThreadLocalRandom}, not from the one {@code SecureRandom} behind {@link
   * UUID#randomUUID()} that every run of the JVM would contend for. Thread-safe.
   */
  static final class RunId {
    private volatile @Nullable String id;
    /** What the run's thread names end with, made once rather than once per step. */
    private volatile @Nullable String threadSuffix;

    RunId(@Nullable String given) {
      this.id = given;
    }

    /** {@code " run "} and the id, which the run's step threads are named with. */
    String threadSuffix() {
      String suffix = threadSuffix;
      if (suffix == null) {
        suffix = " run " + get();
        threadSuffix = suffix;
      }
      return suffix;
    }

    String get() {
      String known = id;
      if (known != null) {
        return known;
      }
      synchronized (this) {
        if (id == null) {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          long version4 = random.nextLong() & ~0xF000L | 0x4000L;
          long ietfVariant = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
          id = new UUID(version4, ietfVariant).toString();
        }
        return id;
      }
    }
  }
}
