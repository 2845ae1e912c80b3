package dev.braid.runtime.time;

import java.time.Instant;

/**
 * Where a run takes every time reading, every wait and every alarm from: attempt timeouts, the
 * run's deadline, the pauses before retries and their jitter, and the times its result records.
 * A run uses {@link #system()} unless its executor was given another through {@link
 * dev.braid.runtime.PipelineConfig.Builder#timeSource}; this is for test kits, which supply a
 * virtual source whose time passes only when every part of the run is waiting on it.
 *
 * <p><b>Busy participants.</b> A virtual source must know when a run is <em>quiescent</em>. The
 * runtime therefore counts the threads running a step's code: it calls {@link #busy()} before
 * such a thread may run (the thread that makes another runnable pays for it, so that the count
 * never drops to zero between the two) and {@link #idle()} when it stops. A busy thread that
 * calls {@link #sleep} is not busy while it sleeps; the source counts it busy again before it
 * wakes it. A thread that blocks on anything else stays busy, so that time stands still until it
 * goes on.
 *
 * <p>Implementations are thread-safe.
 */
public interface TimeSource {
  /** The real time: {@link System#nanoTime()}, {@link Thread#sleep} and one shared timer thread. */
  static TimeSource system() {
    return dev.braid.runtime.internal.SystemTime.INSTANCE;
  }

  /** A monotonic reading in nanoseconds, as {@link System#nanoTime()} gives one. */
  long nanoTime();

  /** The wall-clock time now; read once per run, which then counts on with {@link #nanoTime()}. */
  Instant instant();

  /**
   * Waits {@code nanos} nanoseconds, called by a busy participant, which is not busy meanwhile.
   *
   * @throws InterruptedException if the thread is interrupted first, with its interrupt consumed
   */
  void sleep(long nanos) throws InterruptedException;

  /**
   * Runs {@code action} once {@code delayNanos} have passed. Actions are short: they set flags,
   * interrupt threads and open latches. On a virtual source an action runs while the run counts as
   * busy, so that whatever it wakes gets to run before time moves on.
   */
  Alarm schedule(Runnable action, long delayNanos);

  /**
   * A pause in {@code [0, max]} for a retry with full jitter; {@code max} is positive. The system
   * source draws at random; a test's source draws from a seed, so that a run replays exactly.
   */
  long jitter(long max);

  /** One more thread runs a step's code, or is about to. Nothing on the system source. */
  default void busy() {}

  /** A thread counted by {@link #busy()} stopped running a step's code. */
  default void idle() {}

  /** An alarm that has not gone off yet, which may be disarmed. */
  @FunctionalInterface
  interface Alarm {
    /** Disarms the alarm; nothing if it already went off. */
    void cancel();
  }
}
