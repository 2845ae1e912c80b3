package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The timers of one run whose inline attempts may be abandoned: its deadline, and the timeout and
 * grace of each inline {@link Attempt}, behind a single alarm armed for the earliest of them. An
 * attempt that ends early leaves the alarm as it is; when the alarm goes off it looks at every
 * attempt still watched and arms itself again for the next time due. A run thus pays for one
 * alarm, not one per attempt, however many steps it times; and while the earliest is further away
 * than a sweep ({@link SystemTime#soon}), it waits for the first sweep to arm it, so that a run that
 * ends before then, as most do, schedules nothing.
 *
 * <p>When the alarm goes off it times out the attempts whose timeout has passed, abandons those
 * still running a grace after they were interrupted, handing their steps to new threads, and stops
 * the run once its deadline has passed: all transitions of the {@link RunCoordinator}, decided
 * under its lock.
 *
 * <p>Thread-safe: guarded by the run's one lock, but for {@link #publish}, which thousands of
 * attempts starting at once call without it. Methods that take {@link Effects} are called under
 * it and add what must follow to them; alarms and sweeps take it themselves.
 */
final class AttemptWatch {
  private final InFlight inFlight;
  private final ReentrantLock lock;
  private final RunClock clock;
  private final long deadlineNanos;
  /**
   * Per step, its latest inline attempt, until the watch finds it over. Written without the lock
   * as an attempt starts ({@link #publish}), else under it.
   */
  private final AtomicReferenceArray<@Nullable Attempt> attempts;
  private TimeSource.@Nullable Alarm alarm; // guarded by lock
  /** When the armed alarm goes off, or {@link RunClock#NONE} if none is armed. */
  private long alarmNanos = RunClock.NONE; // guarded by lock
  /** What the sweep holds while this watch waits for it; null when it does not. */
  private @Nullable Sweep sweep; // guarded by lock
  private long sweepNanos = RunClock.NONE; // guarded by lock
  /** Whether the sweep has come once: a run still going then arms alarms from then on. */
  private boolean sweptOnce; // guarded by lock
  /**
   * The earliest of {@link #alarmNanos} and {@link #sweepNanos}: by when the watch looks again.
   * Written under the lock; volatile for {@link #publish}.
   */
  private volatile long armedNanos = RunClock.NONE;
  private boolean deadlinePassed; // guarded by lock
  private boolean closed; // guarded by lock

  /**
   * @param deadlineNanos the run's deadline on the run clock's {@link RunClock#nanos()} axis, or
   *     {@link RunClock#NONE}
   */
  AttemptWatch(InFlight inFlight, ReentrantLock lock, RunClock clock, int steps,
      long deadlineNanos) {
    this.inFlight = inFlight;
    this.lock = lock;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
    this.attempts = new AtomicReferenceArray<>(steps);
  }

  /** Arms the alarm for the run's deadline, if it has one. Under the lock. */
  void open(Effects effects) {
    arm(deadlineNanos, effects);
  }

  /**
   * Watches an inline attempt about to start, without the lock, so that steps starting together
   * do not queue for it; true if the watch must be armed for it ({@link #arm}), as it is due before
   * the watch looks again. The caller then reads whether the run is stopping: a stop sets that
   * before it reads the attempts, so one of the two sees the other.
   */
  boolean publish(Attempt attempt) {
    attempts.set(attempt.index(), attempt);
    return attempt.timeoutNanos() < armedNanos;
  }

  /** Interrupts every attempt still running and starts its grace. Under the lock, as it stops. */
  void stop(Effects effects) {
    long now = clock.nanos();
    for (int i = 0; i < attempts.length(); i++) {
      Attempt attempt = attempts.get(i);
      if (attempt != null) {
        attempt.stop(now, false, effects);
        arm(attempt.nextDueNanos(), effects);
      }
    }
  }

  /** Disarms the alarm once the run's outcome is decided, and lets the sweep forget the run. */
  void close(Effects effects) {
    closed = true;
    TimeSource.Alarm armed = alarm;
    if (armed != null) {
      effects.then(armed::cancel);
      alarm = null;
    }
    alarmNanos = RunClock.NONE;
    if (sweep != null) {
      sweep.watch = null;
      sweep = null;
    }
  }

  /**
   * Makes sure the watch looks at its attempts again by {@code nanos}: nothing if it already will,
   * the sweep if that comes first, else the alarm. Under the lock.
   */
  void arm(long nanos, Effects effects) {
    if (closed || nanos == RunClock.NONE || nanos >= armedNanos) {
      return;
    }
    long now = clock.nanos();
    if (!sweptOnce && sweep == null && alarmNanos == RunClock.NONE
        && nanos - now > SystemTime.SWEEP_NANOS && clock.real()) {
      Sweep waiting = new Sweep(this);
      sweep = waiting;
      sweepNanos = now + SystemTime.SWEEP_NANOS;
      effects.then(() -> SystemTime.soon(waiting));
    } else {
      TimeSource.Alarm replaced = alarm;
      if (replaced != null) {
        effects.then(replaced::cancel);
        alarm = null;
      }
      alarmNanos = nanos;
      effects.then(() -> schedule(nanos, Math.max(0, nanos - now)));
    }
    armedNanos = Math.min(alarmNanos, sweepNanos);
  }

  /**
   * Schedules the alarm for {@code nanos}, as an effect, and keeps it to cancel later, unless the
   * watch closed or was armed for another time meanwhile, in which case it is cancelled at once.
   */
  private void schedule(long nanos, long delayNanos) {
    TimeSource.Alarm scheduled = clock.schedule(() -> ring(nanos), delayNanos);
    boolean stale;
    lock.lock();
    try {
      stale = closed || alarmNanos != nanos;
      if (!stale) {
        alarm = scheduled;
      }
    } finally {
      lock.unlock();
    }
    if (stale) {
      scheduled.cancel();
    }
  }

  /** The alarm armed for {@code armedFor} went off; a stale one that was replaced does nothing. */
  private void ring(long armedFor) {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      if (closed || alarmNanos != armedFor) {
        return;
      }
      alarm = null;
      alarmNanos = RunClock.NONE;
      armedNanos = sweepNanos;
      look(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** The sweep came for this watch. */
  private void swept() {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      sweep = null;
      sweepNanos = RunClock.NONE;
      sweptOnce = true;
      armedNanos = alarmNanos;
      if (closed) {
        return;
      }
      look(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /**
   * Times out and abandons the attempts now due, stops the run if its deadline has passed, and
   * arms for the next time due. Under the lock.
   */
  private void look(Effects effects) {
    long now = clock.nanos();
    boolean deadline = false;
    if (!deadlinePassed && now >= deadlineNanos) {
      deadlinePassed = true;
      deadline = true;
    }
    long next = deadlinePassed ? RunClock.NONE : deadlineNanos;
    for (int i = 0; i < attempts.length(); i++) {
      Attempt attempt = attempts.get(i);
      if (attempt == null) {
        continue;
      }
      attempt.timeOut(now, effects);
      if (attempt.abandon(now, effects)) {
        attempts.compareAndSet(i, attempt, null);
        inFlight.handOver(attempt, effects);
      } else if (attempt.state().over()) {
        attempts.compareAndSet(i, attempt, null);
      } else {
        next = Math.min(next, attempt.nextDueNanos());
      }
    }
    arm(next, effects);
    if (deadline) {
      inFlight.deadlinePassed(effects);
    }
  }

  /** A watch waiting for the sweep, which holds it only until the watch closes. */
  private static final class Sweep implements Runnable {
    volatile @Nullable AttemptWatch watch;

    Sweep(AttemptWatch watch) {
      this.watch = watch;
    }

    @Override
    public void run() {
      AttemptWatch waiting = watch;
      if (waiting != null) {
        waiting.swept();
      }
    }
  }
}
