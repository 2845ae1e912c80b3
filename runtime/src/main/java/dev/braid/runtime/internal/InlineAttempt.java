package dev.braid.runtime.internal;

import org.jspecify.annotations.Nullable;

/**
 * One interruptible attempt that the run can time out or abandon, running inline on the thread
 * that holds its step. The run's {@link AttemptWatch} interrupts that thread when the attempt's
 * timeout passes, and the run's stop interrupts it too; an attempt still running {@link
 * DetachedAttempt#GRACE} after either is <em>abandoned</em>: its thread is left to end on its own,
 * its result discarded, and the step goes on on a new thread ({@link RunState#handOver}).
 *
 * <p>Thread-safe: the attempt's own thread, the alarm thread and the thread stopping the run call
 * in concurrently, and every decision is taken under this object's monitor, which the attempt's
 * own thread takes once, at its end.
 */
final class InlineAttempt {
  private final AttemptContext context;
  private final Thread thread;
  private final long startNanos;
  private final long timeoutNanos;
  private final StepContinuation rest;

  private boolean finished; // guarded by this
  private boolean abandoned; // guarded by this
  private boolean timedOut; // guarded by this
  private boolean stopped; // guarded by this
  private long graceEndNanos = Nanos.NONE; // guarded by this

  /** What the step does after one of its attempts was abandoned, on the thread handed the step. */
  @FunctionalInterface
  interface StepContinuation {
    void resume(InlineAttempt abandoned);
  }

  /**
   * @param timeoutNanos when the attempt times out on the run clock's {@link RunClock#nanos()} axis, or {@link
   *     Nanos#NONE} if it has no timeout of its own
   * @param rest what the step does if this attempt is abandoned
   */
  InlineAttempt(AttemptContext context, long startNanos, long timeoutNanos,
      StepContinuation rest) {
    this.context = context;
    this.thread = Thread.currentThread();
    this.startNanos = startNanos;
    this.timeoutNanos = timeoutNanos;
    this.rest = rest;
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

  /** When the attempt times out on the run clock's {@link RunClock#nanos()} axis, or {@link Nanos#NONE}. */
  long timeoutNanos() {
    return timeoutNanos;
  }

  /**
   * Gives up an attempt that was about to start when the run began to stop; false if it was
   * abandoned meanwhile, in which case another thread already holds the step.
   */
  synchronized boolean withdraw() {
    if (abandoned) {
      return false;
    }
    finished = true;
    return true;
  }

  /**
   * Ends the attempt on its own thread and says how it ended, or returns null if it was abandoned,
   * in which case another thread already holds the step. Clears an interrupt its timeout sent.
   */
  synchronized DetachedAttempt.@Nullable Ending finish(
      @Nullable Object value, @Nullable Throwable failure, boolean interruptCaused) {
    if (abandoned) {
      return null;
    }
    finished = true;
    if (timedOut) {
      Thread.interrupted();
    }
    return new DetachedAttempt.Ending(
        value, failure, interruptCaused, timedOut, stopped, false, false);
  }

  /** How an abandoned attempt ended, as the thread now holding its step sees it. */
  synchronized DetachedAttempt.Ending abandonedEnding() {
    return new DetachedAttempt.Ending(null, null, false, timedOut, stopped, true, false);
  }

  /** Interrupts the attempt if its timeout has passed at {@code now}; starts its grace. */
  synchronized void timeOutIfDue(long now) {
    if (!finished && !abandoned && !timedOut && !stopped && now >= timeoutNanos) {
      timedOut = true;
      thread.interrupt();
      graceEndNanos = Nanos.after(now, DetachedAttempt.GRACE);
    }
  }

  /** Tells the attempt that its run is stopping: interrupts it and starts its grace. */
  synchronized void stop(long now) {
    if (finished || abandoned || stopped) {
      return;
    }
    stopped = true;
    thread.interrupt();
    graceEndNanos = Math.min(graceEndNanos, Nanos.after(now, DetachedAttempt.GRACE));
  }

  /**
   * Abandons the attempt if it was interrupted and its grace has passed, running {@code first}
   * before its thread can see it; true if it did.
   */
  synchronized boolean abandonIfDue(long now, Runnable first) {
    if (!finished && !abandoned && now >= graceEndNanos) {
      first.run();
      abandoned = true;
      return true;
    }
    return false;
  }

  /** When the watch must next look at this attempt, or {@link Nanos#NONE} if never. */
  synchronized long nextDueNanos() {
    if (finished || abandoned) {
      return Nanos.NONE;
    }
    return timedOut || stopped ? graceEndNanos : timeoutNanos;
  }

  /** Whether the attempt has ended or was abandoned, so the watch may forget it. */
  synchronized boolean over() {
    return finished || abandoned;
  }

  /** Goes on with the step after this attempt was abandoned; runs on the thread handed the step. */
  void resumeStep() {
    rest.resume(this);
  }
}
