package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a step that the run can time out, stop or abandon, and the state machine of
 * {@link AttemptState} that says where it stands. An attempt runs in one of two {@link Mode}s:
 *
 * <ul>
 *   <li>{@link Mode#INLINE}: an interruptible step's attempt, on the thread holding the step. The
 *       run's {@link AttemptWatch} times it out and abandons it; its stop interrupts it. If it is
 *       abandoned, the step is handed to a new thread ({@link RunState#handOver}), which goes on
 *       with it ({@link StepRunner#resume}); the abandoned thread leaves the step alone once its
 *       code returns.
 *   <li>{@link Mode#OWN_THREAD}: an uninterruptible step's attempt, on a virtual thread of its own
 *       outside the run's scope, which the step's thread {@linkplain #await() waits for}. A stop
 *       cancels the scope, which interrupts every scope thread; running apart keeps that interrupt
 *       from the attempt, which is {@linkplain AttemptState#SHIELDED shielded}. Its own timeout
 *       interrupts it from an alarm of its own, so that it fires on time even while CPU-bound steps
 *       occupy every carrier.
 * </ul>
 *
 * <p>An attempt with neither timeout nor deadline, of an interruptible step, needs none of this:
 * nothing can interrupt or abandon it, so {@link StepRunner} runs its code plainly.
 *
 * <h2>One attempt, start to end</h2>
 *
 * {@link StepRunner#runAttempt} makes the attempt {@link AttemptState#RUNNING}: registered with
 * the run, which refuses it ({@link AttemptState#WITHDRAWN}) once it is stopping. When its timeout
 * passes, {@link #timeOut} interrupts it ({@link AttemptState#TIMED_OUT}); a stop of the run
 * interrupts an inline attempt ({@link AttemptState#STOPPED}) and shields one on its own thread.
 * An interrupted attempt still running {@link #GRACE} later is abandoned ({@link #abandon}). When
 * its code returns or throws it is {@link AttemptState#ENDED} ({@link #finish}), unless abandoned
 * first. {@link AttemptEnd#of} then classifies it, and the step's loop in {@link StepRunner}
 * records it, retries it after a pause, or ends the step.
 *
 * <p>On a virtual {@link TimeSource}, the step's thread lends its busy count to an own thread
 * while it waits, and gets it back when the attempt ends; if the attempt is abandoned, the step's
 * thread is counted anew and the attempt's thread gives its count up when it ends.
 *
 * <p>Thread-safe: the attempt's own thread, the step's, the alarm thread and the thread stopping
 * the run call in concurrently; every transition is decided under this object's monitor.
 */
final class Attempt {
  /** How long an interrupted attempt may take to end before it is abandoned. */
  static final Duration GRACE = Duration.ofMillis(100);

  /** Where the attempt's code runs. */
  enum Mode { INLINE, OWN_THREAD }

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

  private AttemptState state = AttemptState.RUNNING; // guarded by this
  /** The state the attempt ended or was abandoned from; see {@link #endedFrom()}. */
  private AttemptState endedFrom = AttemptState.RUNNING; // guarded by this
  /** Whether the run ever shielded it; kept for the step's record once it moves on. */
  private boolean shielded; // guarded by this
  private long graceEndNanos = Nanos.NONE; // guarded by this
  private @Nullable Object value; // guarded by this
  private @Nullable Throwable failure; // guarded by this
  private boolean interruptCaused; // guarded by this
  private TimeSource.@Nullable Alarm timeoutAlarm; // guarded by this
  private TimeSource.@Nullable Alarm graceAlarm; // guarded by this

  private Attempt(AttemptContext context, long startNanos, long timeoutNanos,
      @Nullable String threadName, @Nullable Callable<?> body) {
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
   * @param timeoutNanos when it times out on the run clock's {@link RunClock#nanos()} axis, or
   *     {@link Nanos#NONE} if it has no timeout of its own
   */
  static Attempt inline(AttemptContext context, long startNanos, long timeoutNanos) {
    return new Attempt(context, startNanos, timeoutNanos, null, null);
  }

  /** An attempt whose {@code body} will run on a new virtual thread named {@code threadName}. */
  static Attempt ownThread(AttemptContext context, long startNanos, long timeoutNanos,
      String threadName, Callable<?> body) {
    return new Attempt(context, startNanos, timeoutNanos, threadName, body);
  }

  int index() {
    return context.index();
  }

  AttemptContext context() {
    return context;
  }

  Mode mode() {
    return mode;
  }

  long startNanos() {
    return startNanos;
  }

  /** When the attempt times out on the run clock's axis, or {@link Nanos#NONE}. */
  long timeoutNanos() {
    return timeoutNanos;
  }

  synchronized AttemptState state() {
    return state;
  }

  /**
   * The state the attempt was in when its code ended or it was abandoned: {@link
   * AttemptState#TIMED_OUT} or {@link AttemptState#STOPPED} if an interrupt was sent to it, else
   * {@link AttemptState#RUNNING} or {@link AttemptState#SHIELDED}.
   */
  synchronized AttemptState endedFrom() {
    return endedFrom;
  }

  synchronized boolean shielded() {
    return shielded;
  }

  synchronized @Nullable Object value() {
    return value;
  }

  synchronized @Nullable Throwable failure() {
    return failure;
  }

  /** Whether the code's failure came from an interrupt, as its own thread saw it. */
  synchronized boolean interruptCaused() {
    return interruptCaused;
  }

  /** Starts an own-thread attempt's thread and the alarm of its timeout. */
  synchronized void start() {
    thread.start();
    if (timeoutNanos != Nanos.NONE) {
      // On the alarm's word: it is due then, whatever the clock reads a moment later.
      timeoutAlarm = clock.schedule(() -> timeOut(Math.max(clock.nanos(), timeoutNanos)),
          Math.max(0, timeoutNanos - clock.nanos()));
    }
  }

  /**
   * Gives up an attempt that was about to start when the run began to stop; false if it was
   * abandoned meanwhile, in which case another thread already holds its step.
   */
  synchronized boolean withdraw() {
    if (state == AttemptState.ABANDONED) {
      return false;
    }
    state = AttemptState.WITHDRAWN;
    return true;
  }

  /**
   * Ends an inline attempt on its own thread with what its code gave; false if it was abandoned,
   * in which case another thread already holds the step. Clears an interrupt its timeout sent.
   */
  synchronized boolean finish(@Nullable Object result, @Nullable Throwable thrown,
      boolean byInterrupt) {
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
    boolean byInterrupt = thrown != null && Interruptions.causedBy(thrown);
    boolean abandoned;
    synchronized (this) {
      abandoned = state == AttemptState.ABANDONED;
      if (!abandoned) {
        end(result, thrown, byInterrupt);
      }
      cancel(timeoutAlarm);
      cancel(graceAlarm);
    }
    Objects.requireNonNull(over).countDown();
    if (abandoned) {
      clock.idle(); // the waiting step thread was counted busy again when it was abandoned
    }
  }

  /**
   * Interrupts the attempt if its timeout has passed at {@code now}, and starts its grace. An
   * own-thread attempt times out even while shielded.
   */
  synchronized void timeOut(long now) {
    boolean due = state == AttemptState.RUNNING
        || state == AttemptState.SHIELDED && mode == Mode.OWN_THREAD;
    if (!due || now < timeoutNanos) {
      return;
    }
    state = AttemptState.TIMED_OUT;
    thread.interrupt();
    startGrace(now);
  }

  /**
   * Tells the attempt that its run is stopping. An inline attempt is interrupted and its grace
   * starts. One on its own thread keeps running, shielded, unless {@code hardLimit} (the deadline)
   * says the run cannot wait, in which case it is abandoned after the grace without being
   * interrupted; one still waiting for a concurrency slot has not begun its code, so it is
   * interrupted and never takes the slot.
   */
  synchronized void stop(long now, boolean hardLimit) {
    if (state.over() || state == AttemptState.STOPPED) {
      return;
    }
    if (mode == Mode.INLINE) {
      state = AttemptState.STOPPED;
      thread.interrupt();
      graceEndNanos = Math.min(graceEndNanos, Nanos.after(now, GRACE));
      return;
    }
    if (context.withdraw()) {
      state = AttemptState.STOPPED;
      thread.interrupt();
      return;
    }
    shielded = true;
    if (state == AttemptState.RUNNING) {
      state = AttemptState.SHIELDED;
    }
    if (hardLimit) {
      startGrace(now);
    }
  }

  private void startGrace(long now) {
    if (mode == Mode.INLINE) {
      graceEndNanos = Nanos.after(now, GRACE);
    } else if (graceAlarm == null) {
      graceEndNanos = Nanos.after(now, GRACE);
      graceAlarm = clock.schedule(this::graceOver, Nanos.of(GRACE));
    }
  }

  /**
   * Abandons the attempt if its grace has passed at {@code now}, running {@code first} before its
   * thread can see it; true if it did. The waiting step thread of an own-thread attempt goes on.
   */
  synchronized boolean abandon(long now, Runnable first) {
    if (state.over() || now < graceEndNanos) {
      return false;
    }
    first.run();
    endedFrom = state;
    state = AttemptState.ABANDONED;
    if (over != null) {
      clock.busy(); // the step thread goes on, while this attempt's thread keeps its own count
      over.countDown();
    }
    return true;
  }

  /** The grace alarm of an own-thread attempt went off. */
  private void graceOver() {
    synchronized (this) {
      abandon(Math.max(clock.nanos(), graceEndNanos), () -> {});
    }
  }

  /** When the watch must next look at this inline attempt, or {@link Nanos#NONE} if never. */
  synchronized long nextDueNanos() {
    if (state.over()) {
      return Nanos.NONE;
    }
    return state.interrupted() ? graceEndNanos : timeoutNanos;
  }

  /**
   * Waits until an own-thread attempt has ended and its thread with it, or it was abandoned. An
   * interrupt of the waiting thread does not end the wait — the run's stop reaches the attempt
   * through {@link #stop} — but is kept, set again on return.
   */
  void await() {
    boolean interrupted = Uninterruptibly.await(Objects.requireNonNull(over));
    if (state() != AttemptState.ABANDONED) {
      interrupted |= Uninterruptibly.join(thread);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void cancel(TimeSource.@Nullable Alarm alarm) {
    if (alarm != null) {
      alarm.cancel();
    }
  }
}
