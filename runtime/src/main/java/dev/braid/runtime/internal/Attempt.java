package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a step that the run can time out, stop or abandon, and the state machine of
 * {@link AttemptState} that says where it stands. An attempt runs in one of two {@link Mode}s:
 *
 * <ul>
 *   <li>{@link Mode#INLINE}: an interruptible step's attempt, on the thread holding the step. The
 *       run's {@link AttemptWatch} times it out and abandons it; the run's stop interrupts it. If
 *       it is abandoned, the step is handed to a new thread, which goes on with it ({@link
 *       StepRunner#resume}); the abandoned thread leaves the step alone once its code returns.
 *   <li>{@link Mode#OWN_THREAD}: an uninterruptible step's attempt, on a virtual thread of its own
 *       outside the run's scope, which the step's thread {@linkplain #await() waits for}. A stop
 *       cancels the scope, which interrupts every scope thread; running apart keeps that interrupt
 *       from the attempt, which is {@linkplain AttemptState#SHIELDED shielded}. Its timeout and
 *       grace are alarms of its own, so that they fire on time even while CPU-bound steps occupy
 *       every carrier.
 * </ul>
 *
 * <p>An attempt of an interruptible step with neither timeout nor deadline needs none of this:
 * nothing can interrupt or abandon it, so {@link StepRunner} runs its code plainly.
 *
 * <h2>One attempt, start to end</h2>
 *
 * <ol>
 *   <li><b>Start.</b> {@link StepRunner} makes it {@link AttemptState#RUNNING} and registers it
 *       with the {@link RunCoordinator}, which refuses it ({@link AttemptState#WITHDRAWN}) once the
 *       run is stopping.
 *   <li><b>Timeout.</b> When its timeout passes, {@link #timeOut} interrupts it ({@link
 *       AttemptState#TIMED_OUT}) and its {@link #GRACE} starts.
 *   <li><b>Stop.</b> The run's stop ({@link #stop}) interrupts an inline attempt ({@link
 *       AttemptState#STOPPED}) and shields one on its own thread.
 *   <li><b>Abandon.</b> An interrupted attempt still running when its grace is over is {@link
 *       AttemptState#ABANDONED} ({@link #abandon}).
 *   <li><b>End.</b> When its code returns or throws it is {@link AttemptState#ENDED} ({@link
 *       #finish}), unless it was abandoned first. {@link AttemptEnd#of} classifies it.
 *   <li><b>Retry.</b> The step's loop in {@link StepRunner} records it and, if it failed and may
 *       be retried, pauses and starts the next attempt, a new {@code Attempt}.
 * </ol>
 *
 * <p>On a virtual {@link TimeSource}, a step's thread waiting for an own thread lends it its
 * busy count; an abandoned attempt's step thread is counted anew and its thread gives its count up
 * when it ends.
 *
 * <p>Thread-safe: its state is guarded by its run's one lock. Each transition is called under it
 * and adds what must follow (an interrupt, an alarm, opening the step's wait) to the {@link
 * Effects} that the caller carries out after unlocking.
 */
final class Attempt {
  /** How long an interrupted attempt may take to end before it is abandoned. */
  static final Duration GRACE = Duration.ofMillis(100);

  /** Where the attempt's code runs. */
  enum Mode { INLINE, OWN_THREAD }

  private final ReentrantLock lock;
  private final AttemptContext context;
  private final Mode mode;
  private final RunClock clock;
  private final long startNanos;
  private final long timeoutNanos;
  /** The thread running the attempt's code: the step's for an inline attempt. */
  private final Thread thread;
  /** The attempt's code, run on {@link #thread} in {@link Mode#OWN_THREAD}; null inline. */
  private final @Nullable Callable<?> body;
  /** Opens when an own-thread attempt's code ended or it was abandoned; null inline. */
  private final @Nullable CountDownLatch over;

  private AttemptState state = AttemptState.RUNNING; // guarded by lock
  /**
   * The state the attempt was in when its code ended or it was abandoned: {@link
   * AttemptState#TIMED_OUT} or {@link AttemptState#STOPPED} if an interrupt was sent to it, else
   * {@link AttemptState#RUNNING} or {@link AttemptState#SHIELDED}.
   */
  private AttemptState endedFrom = AttemptState.RUNNING; // guarded by lock
  /** Whether the run ever shielded it; kept for the step's record once it moves on. */
  private boolean shielded; // guarded by lock
  private long graceEndNanos = RunClock.NONE; // guarded by lock
  private @Nullable Object value; // guarded by lock
  private @Nullable Throwable failure; // guarded by lock
  private boolean interruptCaused; // guarded by lock
  private TimeSource.@Nullable Alarm timeoutAlarm; // guarded by lock
  private TimeSource.@Nullable Alarm graceAlarm; // guarded by lock
  private boolean graceArmed; // guarded by lock

  private Attempt(ReentrantLock lock, AttemptContext context, long startNanos, long timeoutNanos,
      @Nullable String threadName, @Nullable Callable<?> body) {
    this.lock = lock;
    this.context = context;
    this.mode = body == null ? Mode.INLINE : Mode.OWN_THREAD;
    this.clock = context.clock();
    this.startNanos = startNanos;
    this.timeoutNanos = timeoutNanos;
    this.body = body;
    this.over = body == null ? null : new CountDownLatch(1);
    this.thread = body == null || threadName == null
        ? Thread.currentThread()
        : Thread.ofVirtual().name(threadName).unstarted(this::runBody);
  }

  /**
   * An attempt about to run inline on the calling thread.
   *
   * @param lock the run's lock, which guards the attempt's state
   * @param timeoutNanos when it times out on the run clock's {@link RunClock#nanos()} axis, or
   *     {@link RunClock#NONE} if it has no timeout of its own
   */
  static Attempt inline(ReentrantLock lock, AttemptContext context, long startNanos,
      long timeoutNanos) {
    return new Attempt(lock, context, startNanos, timeoutNanos, null, null);
  }

  /** An attempt whose {@code body} will run on a new virtual thread named {@code threadName}. */
  static Attempt ownThread(ReentrantLock lock, AttemptContext context, long startNanos,
      long timeoutNanos, String threadName, Callable<?> body) {
    return new Attempt(lock, context, startNanos, timeoutNanos, threadName, body);
  }

  int index() {
    return context.index();
  }

  AttemptContext context() {
    return context;
  }

  long startNanos() {
    return startNanos;
  }

  /** When the attempt times out on the run clock's axis, or {@link RunClock#NONE}. */
  long timeoutNanos() {
    return timeoutNanos;
  }

  AttemptState state() {
    return Effects.read(lock, () -> state);
  }

  /**
   * Classifies the attempt once it is over for its step: its code ended, or it was abandoned.
   *
   * @param stopping whether the run is stopping: an interrupt is then the stop's, not a timeout's
   */
  AttemptEnd end(StepSettings settings, boolean conversational, boolean stopping, long endNanos) {
    // Without the lock: once an attempt is over nothing changes it, and the caller is ordered
    // after its end: its own thread (finish), the step's (the wait's latch) or the new holder of
    // the step (its start).
    return AttemptEnd.of(context, settings, conversational, value, failure, interruptCaused,
        endedFrom, state == AttemptState.ABANDONED, shielded, stopping, startNanos, endNanos);
  }

  /** Starts an own-thread attempt: its thread, then the alarm of its timeout. Under the lock. */
  void start(Effects effects) {
    assert lock.isHeldByCurrentThread();
    effects.start(thread);
    if (timeoutNanos != RunClock.NONE) {
      effects.then(() -> arm(timeoutNanos, true));
    }
  }

  /**
   * Arms an own-thread attempt's alarm for {@code nanos}, its timeout's or its grace's end, then
   * keeps it to cancel as the attempt ends; cancels it at once if the attempt ended meanwhile.
   * Without the lock, as an effect.
   */
  private void arm(long nanos, boolean timeout) {
    TimeSource.Alarm alarm = clock.schedule(timeout ? this::timeoutRang : this::graceRang,
        Math.max(0, nanos - clock.nanos()));
    boolean over;
    lock.lock();
    try {
      over = state.over();
      if (!over && timeout) {
        timeoutAlarm = alarm;
      } else if (!over) {
        graceAlarm = alarm;
      }
    } finally {
      lock.unlock();
    }
    if (over) {
      alarm.cancel();
    }
  }

  /** The timeout alarm went off: the timeout is due, whatever the clock reads a moment later. */
  private void timeoutRang() {
    Effects.decide(lock, effects -> timeOut(Math.max(clock.nanos(), timeoutNanos), effects));
  }

  /** The grace alarm went off: the grace is over, whatever the clock reads a moment later. */
  private void graceRang() {
    Effects.decide(lock, effects -> abandon(Math.max(clock.nanos(), graceEndNanos), effects));
  }

  /**
   * Gives up an attempt that was about to start when the run began to stop; false if it was
   * abandoned meanwhile, in which case another thread already holds its step. Under the lock.
   */
  boolean withdraw() {
    assert lock.isHeldByCurrentThread();
    if (state == AttemptState.ABANDONED) {
      return false;
    }
    state = AttemptState.WITHDRAWN;
    return true;
  }

  /**
   * Ends an inline attempt on its own thread with what its code gave; false if it was abandoned,
   * in which case another thread already holds the step. Clears an interrupt its timeout sent.
   * Under the lock: {@link RunCoordinator#attemptFinished} ends the step with it when it succeeded.
   */
  boolean finish(@Nullable Object result, @Nullable Throwable thrown, boolean byInterrupt) {
    assert lock.isHeldByCurrentThread();
    if (state == AttemptState.ABANDONED) {
      return false;
    }
    if (state == AttemptState.TIMED_OUT) {
      Thread.interrupted();
    }
    end(result, thrown, byInterrupt);
    return true;
  }

  private void end(@Nullable Object result, @Nullable Throwable thrown, boolean byInterrupt) {
    endedFrom = state;
    state = AttemptState.ENDED;
    value = result;
    failure = thrown;
    interruptCaused = byInterrupt;
  }

  /** Runs an own-thread attempt's code and ends it. */
  private void runBody() {
    Object result = null;
    Throwable thrown = null;
    try {
      result = Objects.requireNonNull(body).call();
    } catch (Throwable t) {
      thrown = t;
    }
    boolean byInterrupt = thrown != null && RunClock.interruptedBy(thrown);
    boolean abandoned;
    TimeSource.Alarm timeout;
    TimeSource.Alarm grace;
    lock.lock();
    try {
      abandoned = state == AttemptState.ABANDONED;
      if (!abandoned) {
        end(result, thrown, byInterrupt);
      }
      timeout = timeoutAlarm;
      grace = graceAlarm;
      timeoutAlarm = null;
      graceAlarm = null;
    } finally {
      lock.unlock();
    }
    if (timeout != null) {
      timeout.cancel();
    }
    if (grace != null) {
      grace.cancel();
    }
    Objects.requireNonNull(over).countDown();
    if (abandoned) {
      clock.idle(); // the waiting step thread was counted busy again when it was abandoned
    }
  }

  /**
   * Interrupts the attempt if its timeout has passed at {@code now}, and starts its grace. An
   * own-thread attempt times out even while shielded. Under the lock.
   */
  void timeOut(long now, Effects effects) {
    assert lock.isHeldByCurrentThread();
    boolean due = state == AttemptState.RUNNING
        || state == AttemptState.SHIELDED && mode == Mode.OWN_THREAD;
    if (due && now >= timeoutNanos) {
      state = AttemptState.TIMED_OUT;
      effects.then(this::interruptUnlessOver);
      startGrace(now, effects);
    }
  }

  /**
   * Tells the attempt that its run is stopping. An inline attempt is interrupted and its grace
   * starts. One on its own thread keeps running, shielded, unless {@code hardLimit} (the deadline)
   * says the run cannot wait, in which case it is abandoned after the grace without being
   * interrupted; one still waiting for a concurrency slot has not begun its code, so it is
   * interrupted and never takes the slot. Under the lock.
   */
  void stop(long now, boolean hardLimit, Effects effects) {
    assert lock.isHeldByCurrentThread();
    if (state.over() || state == AttemptState.STOPPED) {
      return;
    }
    if (mode == Mode.INLINE) {
      state = AttemptState.STOPPED;
      effects.then(this::interruptUnlessOver);
      graceEndNanos = Math.min(graceEndNanos, RunClock.after(now, GRACE));
      return;
    }
    if (context.withdraw()) {
      state = AttemptState.STOPPED;
      effects.then(this::interruptUnlessOver);
      return;
    }
    shielded = true;
    if (state == AttemptState.RUNNING) {
      state = AttemptState.SHIELDED;
    }
    if (hardLimit) {
      startGrace(now, effects);
    }
  }

  /**
   * The interrupt its timeout or the run's stop decided, sent as an effect unless the attempt
   * ended since: an inline attempt's thread goes on with the next attempt or step, which an
   * interrupt sent late would fail. Under the lock, as the attempt's end is: the interrupt arrives
   * before the end, which clears a timeout's, or not at all.
   */
  private void interruptUnlessOver() {
    lock.lock();
    try {
      if (!state.over()) {
        thread.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  private void startGrace(long now, Effects effects) {
    if (mode == Mode.INLINE) {
      graceEndNanos = RunClock.after(now, GRACE);
    } else if (!graceArmed) {
      graceArmed = true;
      graceEndNanos = RunClock.after(now, GRACE);
      long end = graceEndNanos;
      effects.then(() -> arm(end, false));
    }
  }

  /**
   * Abandons the attempt if its grace has passed at {@code now}; true if it did. The waiting step
   * thread of an own-thread attempt goes on. Under the lock.
   */
  boolean abandon(long now, Effects effects) {
    assert lock.isHeldByCurrentThread();
    if (state.over() || now < graceEndNanos) {
      return false;
    }
    endedFrom = state;
    state = AttemptState.ABANDONED;
    if (over != null) {
      CountDownLatch latch = over;
      effects.then(() -> {
        clock.busy(); // the step thread goes on, while this attempt's thread keeps its own count
        latch.countDown();
      });
    }
    return true;
  }

  /** When the watch must look at this inline attempt next, or {@link RunClock#NONE}; under lock. */
  long nextDueNanos() {
    assert lock.isHeldByCurrentThread();
    if (state.over()) {
      return RunClock.NONE;
    }
    return state.interrupted() ? graceEndNanos : timeoutNanos;
  }

  /**
   * Waits until an own-thread attempt has ended and its thread with it, or it was abandoned. An
   * interrupt of the waiting thread does not end the wait — the run's stop reaches the attempt
   * through {@link #stop} — but is kept, set again on return.
   */
  void await() {
    boolean interrupted = RunClock.await(Objects.requireNonNull(over));
    if (state() != AttemptState.ABANDONED) {
      interrupted |= RunClock.join(thread);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
