package dev.braid.runtime.internal;

import dev.braid.runtime.time.TimeSource;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The real time behind {@link TimeSource#system()}: {@link System#nanoTime()}, {@link
 * Thread#sleep}, and the shared {@link Alarms} timer. Public only for that factory, and here rather
 * than beside {@code TimeSource} because it shares that timer with the engine; stateless.
 */
public final class SystemTime implements TimeSource {
  public static final SystemTime INSTANCE = new SystemTime();

  private SystemTime() {}

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(nanos);
  }

  @Override
  public Alarm schedule(Runnable action, long delayNanos) {
    ScheduledFuture<?> future = Alarms.schedule(action, delayNanos);
    return () -> future.cancel(false);
  }

  @Override
  public long jitter(long max) {
    return ThreadLocalRandom.current().nextLong(Math.min(max, Long.MAX_VALUE - 1) + 1);
  }

  @Override
  public String toString() {
    return "TimeSource.system()";
  }
}
