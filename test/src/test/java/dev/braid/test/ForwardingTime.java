package dev.braid.test;

import dev.braid.runtime.time.TimeSource;
import java.time.Instant;

/**
 * A time source that forwards every call to a {@link VirtualTime}, for a test's time source to
 * override only the calls it watches or holds.
 */
abstract class ForwardingTime implements TimeSource {
  private final VirtualTime time;

  ForwardingTime(VirtualTime time) {
    this.time = time;
  }

  @Override
  public long nanoTime() {
    return time.nanoTime();
  }

  @Override
  public Instant instant() {
    return time.instant();
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    time.sleep(nanos);
  }

  @Override
  public Alarm schedule(Runnable action, long delayNanos) {
    return time.schedule(action, delayNanos);
  }

  @Override
  public long jitter(long max) {
    return time.jitter(max);
  }

  @Override
  public void busy() {
    time.busy();
  }

  @Override
  public void idle() {
    time.idle();
  }
}
