package dev.braid.springai;

import dev.braid.runtime.ModelCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link ModelCall} for calling a client directly: it records what the call emits. */
class TestCall implements ModelCall {
  final List<String> emitted = new CopyOnWriteArrayList<>();

  @Override
  public String pipelineName() {
    return "Support";
  }

  @Override
  public String stepName() {
    return "draft";
  }

  @Override
  public int stepAttempt() {
    return 1;
  }

  @Override
  public int callAttempt() {
    return 1;
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> remaining() {
    return Optional.empty();
  }

  @Override
  public void emit(String chunk) throws InterruptedException {
    synchronized (emitted) {
      emitted.add(chunk);
      emitted.notifyAll();
    }
  }

  /** Waits until {@code count} chunks were emitted, at most 20 seconds. */
  void awaitEmitted(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    synchronized (emitted) {
      while (emitted.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("The call emitted " + emitted + ", not " + count + " chunks");
        }
        TimeUnit.NANOSECONDS.timedWait(emitted, left);
      }
    }
  }
}
