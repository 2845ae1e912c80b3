package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The timers of one run whose attempts may be abandoned: its deadline, and the timeout and grace
 * of each {@link Attempt}, behind a single {@link Alarms} alarm armed for the earliest of
 * them. An attempt that ends early leaves the alarm as it is; when the alarm goes off it looks at
 * every attempt still registered and arms itself again for the next time due. A run thus pays for
 * one alarm, not one per attempt, however many steps it times; and while the earliest is further
 * away than a sweep ({@link Alarms#soon}), it waits for the first sweep to arm it, so that a run
 * that ends before then, as most do, schedules nothing.
 *
 * <p>When the alarm goes off it interrupts attempts whose timeout has passed, abandons those
 * still running a grace after they were interrupted and hands their steps to new threads ({@link
 * RunState#handOver}), and stops the run once its deadline has passed.
 *
 * <p>Thread-safe. Adding an attempt takes no lock unless the attempt is due before the alarm, so
 * that steps starting together do not queue for one: it publishes the attempt, then reads whether
 * the run is stopping and when the alarm is armed, while a stop and the alarm write those first
 * and then read the attempts, so that one side always sees the other. Lock order: {@link
 * RunState}'s lock, then this object's monitor, then an attempt's; the alarm calls back into
 * {@link RunState} only after releasing this monitor.
 */
final class AttemptWatch {
  private final RunState state;
  private final long deadlineNanos;
  /** Per step, its latest attempt, until the alarm finds it over. */
  private final AtomicReferenceArray<@Nullable Attempt> attempts;
  private TimeSource.@Nullable Alarm alarm; // guarded by this
  private long alarmNanos = Nanos.NONE; // guarded by this
  /** What the sweep holds while this watch waits for it; null when it does not. */
  private @Nullable Sweep sweep; // guarded by this
  private long sweepNanos = Nanos.NONE; // guarded by this
  /** Whether the sweep has come once: a run still going then arms alarms from then on. */
  private boolean sweptOnce; // guarded by this
  /**
   * The earliest of {@link #alarmNanos} and {@link #sweepNanos}: by when the watch looks at its
   * attempts again, or {@link Nanos#NONE}. Written under this object's monitor.
   */
  private volatile long armedNanos = Nanos.NONE;
  private boolean deadlinePassed; // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param deadlineNanos the run's deadline on the run clock's {@link RunClock#nanos()} axis, or
   *     {@link Nanos#NONE}
   */
  AttemptWatch(RunState state, int steps, long deadlineNanos) {
    this.state = state;
    this.deadlineNanos = deadlineNanos;
    this.attempts = new AtomicReferenceArray<>(steps);
  }

  /** Arms the alarm for the run's deadline, if it has one. */
  synchronized void open() {
    arm(deadlineNanos);
  }

  /**
   * Watches an attempt about to start, unless the run is stopping; false means it must not start,
   * and the caller withdraws it ({@link Attempt#withdraw}).
   */
  boolean add(Attempt attempt) {
    attempts.set(attempt.index(), attempt);
    if (state.stopping()) {
      return false;
    }
    long due = attempt.timeoutNanos();
    if (due < armedNanos) {
      synchronized (this) {
        arm(due);
      }
    }
    return true;
  }

  /** Interrupts every attempt still running and starts its grace; called once the run stops. */
  synchronized void stop() {
    long now = state.clock().nanos();
    for (int i = 0; i < attempts.length(); i++) {
      Attempt attempt = attempts.get(i);
      if (attempt != null) {
        attempt.stop(now, false);
        arm(attempt.nextDueNanos());
      }
    }
  }

  /** Disarms the alarm once the run's outcome is decided, and lets the sweep forget the run. */
  synchronized void close() {
    closed = true;
    if (alarm != null) {
      alarm.cancel();
      alarm = null;
    }
    if (sweep != null) {
      sweep.watch = null;
      sweep = null;
    }
  }

  /**
   * Makes sure the watch looks at its attempts again by {@code nanos}: nothing if it already will,
   * the sweep if that comes first, else the alarm.
   */
  private void arm(long nanos) {
    if (closed || nanos == Nanos.NONE || nanos >= armedNanos) {
      return;
    }
    long now = state.clock().nanos();
    if (!sweptOnce && sweep == null && alarm == null && nanos - now > Alarms.SWEEP_NANOS
        && state.clock().real()) {
      sweep = new Sweep(this);
      sweepNanos = now + Alarms.SWEEP_NANOS;
      Alarms.soon(sweep);
    } else {
      if (alarm != null) {
        alarm.cancel();
      }
      alarmNanos = nanos;
      alarm = state.clock().schedule(() -> ring(nanos), Math.max(0, nanos - now));
    }
    armedNanos = Math.min(alarmNanos, sweepNanos);
  }

  /** The alarm armed for {@code armedFor} went off; a stale one that was replaced does nothing. */
  private void ring(long armedFor) {
    synchronized (this) {
      if (closed || alarm == null || alarmNanos != armedFor) {
        return;
      }
      alarm = null;
      alarmNanos = Nanos.NONE;
      armedNanos = sweepNanos;
    }
    look();
  }

  /** The sweep came for this watch. */
  private void swept() {
    synchronized (this) {
      sweep = null;
      sweepNanos = Nanos.NONE;
      sweptOnce = true;
      armedNanos = alarmNanos;
      if (closed) {
        return;
      }
    }
    look();
  }

  /**
   * Times out and abandons the attempts now due, stops the run if its deadline has passed, and
   * arms for the next time due. Called after {@link #armedNanos} was raised, so that an attempt
   * added meanwhile is either seen here or arms for itself.
   */
  private void look() {
    boolean deadline = false;
    List<Attempt> abandoned = List.of();
    synchronized (this) {
      if (closed) {
        return;
      }
      long now = state.clock().nanos();
      if (!deadlinePassed && now >= deadlineNanos) {
        deadlinePassed = true;
        deadline = true;
      }
      long next = deadlinePassed ? Nanos.NONE : deadlineNanos;
      for (int i = 0; i < attempts.length(); i++) {
        Attempt attempt = attempts.get(i);
        if (attempt == null) {
          continue;
        }
        attempt.timeOut(now);
        if (attempt.abandon(now, state::abandoning)) {
          attempts.compareAndSet(i, attempt, null);
          if (abandoned.isEmpty()) {
            abandoned = new ArrayList<>();
          }
          abandoned.add(attempt);
        } else if (attempt.state().over()) {
          attempts.compareAndSet(i, attempt, null);
        } else {
          next = Math.min(next, attempt.nextDueNanos());
        }
      }
      arm(next);
    }
    if (deadline) {
      state.stop(RunState.Stop.DEADLINE);
    }
    for (Attempt attempt : abandoned) {
      state.handOver(attempt);
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
