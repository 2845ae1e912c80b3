package dev.braid.durable;

import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Time a test moves by hand, whose sleepers wake only when the test wakes each by name: so a
 * test decides which of several waiting threads acts next. Counts each thread's sleeps, for the
 * test to wait on. Thread-safe.
 */
final class SteppedTime implements TimeSource {
  private final Instant start;
  private final Map<Thread, Integer> sleeps = new HashMap<>(); // guarded by this
  private final Map<Thread, Integer> wakes = new HashMap<>(); // guarded by this
  private long elapsedNanos; // guarded by this

  SteppedTime(Instant start) {
    this.start = start;
  }

  synchronized void advance(Duration duration) {
    elapsedNanos += duration.toNanos();
  }

  /** Ends {@code sleeper}'s current sleep; call once {@link #sleeps} shows it sleeps. */
  synchronized void wake(Thread sleeper) {
    wakes.merge(sleeper, 1, Integer::sum);
    notifyAll();
  }

  /** How many times {@code thread} began to sleep. */
  synchronized int sleeps(Thread thread) {
    return sleeps.getOrDefault(thread, 0);
  }

  /** Waits until {@code condition}, which reads this source or what {@link #changed} announces. */
  synchronized void await(BooleanSupplier condition) throws InterruptedException {
    while (!condition.getAsBoolean()) {
      wait();
    }
  }

  /** Tells {@link #await} callers that something they may wait for changed. */
  synchronized void changed() {
    notifyAll();
  }

  @Override
  public synchronized long nanoTime() {
    return elapsedNanos;
  }

  @Override
  public synchronized Instant instant() {
    return start.plusNanos(elapsedNanos);
  }

  @Override
  public synchronized void sleep(long nanos) throws InterruptedException {
    Thread self = Thread.currentThread();
    int woken = wakes.getOrDefault(self, 0);
    sleeps.merge(self, 1, Integer::sum);
    notifyAll();
    while (wakes.getOrDefault(self, 0) == woken) {
      wait();
    }
  }

  @Override
  public Alarm schedule(Runnable action, long delayNanos) {
    throw new UnsupportedOperationException("no alarms on stepped time");
  }

  @Override
  public long jitter(long max) {
    return max;
  }
}
