package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of an uninterruptible step, running on a virtual thread of its own outside the run's
 * structured scope, which the step's thread waits for. A stop cancels the scope, which interrupts
 * every scope thread; running the attempt apart keeps that interrupt from it. Interruptible steps
 * run inline instead, plainly or as an {@link InlineAttempt}.
 *
 * <p>The attempt's own timeout interrupts it from the run clock's timer, so a timeout
 * fires on time even while CPU-bound steps occupy every carrier. A stop of the run leaves it
 * running ({@linkplain Ending#shielded() shielded}). An attempt still running {@link #GRACE} after
 * its timeout interrupted it, or after a deadline stopped the run, is <em>abandoned</em>: the
 * step's thread stops waiting and the attempt's thread is left to end on its own, its result
 * discarded.
 *
 * <p>On a virtual {@link TimeSource}, the step's thread lends its busy count to the attempt's
 * thread while it waits, and gets it back when the attempt ends; if the attempt is abandoned, the
 * step's thread is counted anew and the attempt's thread gives its count up when it ends.
 *
 * <p>Thread-safe: the step's thread, the alarm thread and the thread stopping the run call in
 * concurrently, and every decision is taken under this object's monitor.
 */
final class DetachedAttempt {
  /** How long an interrupted attempt may take to end before it is abandoned. */
  static final Duration GRACE = Duration.ofMillis(100);

  private final int index;
  private final RunClock clock;
  private final Thread thread;
  private final Callable<?> body;
  private final @Nullable Duration timeout;
  private final BooleanSupplier withdraw;
  private final CountDownLatch ended = new CountDownLatch(1);

  private boolean finished; // guarded by this
  private boolean abandoned; // guarded by this
  private boolean timedOut; // guarded by this
  private boolean shielded; // guarded by this
  private @Nullable Object value; // guarded by this
  private @Nullable Throwable failure; // guarded by this
  private boolean interruptCaused; // guarded by this
  private TimeSource.@Nullable Alarm timeoutAlarm; // guarded by this
  private TimeSource.@Nullable Alarm graceAlarm; // guarded by this

  /** How an attempt ended, as the thread holding its step saw it. */
  record Ending(
      @Nullable Object value,
      @Nullable Throwable failure,
      boolean interruptCaused,
      boolean timedOut,
      boolean stopped,
      boolean abandoned,
      boolean shielded) {}

  /**
   * @param index the step's index, under which the run registers the attempt
   * @param threads makes the attempt's (unstarted) virtual thread
   * @param withdraw withdraws the attempt from its wait for a concurrency slot when the run stops:
   *     true if it was waiting, and may be interrupted as its code has not started
   */
  DetachedAttempt(int index, RunClock clock, ThreadFactory threads, @Nullable Duration timeout,
      BooleanSupplier withdraw, Callable<?> body) {
    this.index = index;
    this.clock = clock;
    this.thread = threads.newThread(this::runBody);
    this.body = body;
    this.timeout = timeout;
    this.withdraw = withdraw;
  }

  /** The index of the attempt's step. */
  int index() {
    return index;
  }

  /** Starts the attempt's thread and its timeout. */
  synchronized void start() {
    thread.start();
    if (timeout != null) {
      timeoutAlarm = clock.schedule(this::timeOut, Nanos.of(timeout));
    }
  }

  private void runBody() {
    Object result = null;
    Throwable thrown = null;
    try {
      result = body.call();
    } catch (Throwable t) {
      thrown = t;
    }
    boolean byInterrupt = thrown != null && Interruptions.causedBy(thrown);
    boolean wasAbandoned;
    synchronized (this) {
      wasAbandoned = abandoned;
      if (!abandoned) {
        finished = true;
        value = result;
        failure = thrown;
        interruptCaused = byInterrupt;
      }
      cancel(timeoutAlarm);
      cancel(graceAlarm);
    }
    ended.countDown();
    if (wasAbandoned) {
      clock.idle(); // the waiting step thread was counted busy again when it was abandoned
    }
  }

  private synchronized void timeOut() {
    if (!finished && !abandoned) {
      timedOut = true;
      thread.interrupt();
      abandonAfterGrace();
    }
  }

  /**
   * Tells the attempt that its run is stopping: it keeps running, unless {@code hardLimit} (the
   * deadline) says the run cannot wait, in which case it is abandoned after the grace without
   * being interrupted. An attempt still waiting for a concurrency slot has not started its code:
   * it is interrupted, and never takes the slot.
   */
  synchronized void stop(boolean hardLimit) {
    if (finished || abandoned) {
      return;
    }
    if (withdraw.getAsBoolean()) {
      thread.interrupt();
      return;
    }
    shielded = true;
    if (hardLimit) {
      abandonAfterGrace();
    }
  }

  private void abandonAfterGrace() {
    if (graceAlarm == null) {
      graceAlarm = clock.schedule(this::abandon, Nanos.of(GRACE));
    }
  }

  private synchronized void abandon() {
    if (!finished && !abandoned) {
      abandoned = true;
      clock.busy(); // the step thread goes on, while this attempt's thread keeps its own count
      ended.countDown();
    }
  }

  /**
   * Waits until the attempt has ended and its thread with it, or it was abandoned. An interrupt of
   * the waiting thread does not end the wait — the run's stop reaches the attempt through {@link
   * #stop} — but is kept, set again on return.
   */
  Ending await() {
    boolean interrupted = Uninterruptibly.await(ended);
    Ending ending;
    synchronized (this) {
      ending = new Ending(value, failure, interruptCaused, timedOut, false, abandoned, shielded);
    }
    if (!ending.abandoned()) {
      interrupted |= Uninterruptibly.join(thread);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return ending;
  }

  private static void cancel(TimeSource.@Nullable Alarm alarm) {
    if (alarm != null) {
      alarm.cancel();
    }
  }
}
