package dev.braid.durable;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for what a worker's poller has done, so that a test that expects a poll to change nothing
 * observes that poll instead of sleeping and hoping it came.
 */
final class WorkerPolls {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private WorkerPolls() {}

  /** Waits until {@code worker} has made a whole poll that began after this call. */
  static void awaitWholePoll(Worker worker) throws InterruptedException {
    int seen = worker.polls();
    // The poll under way may have begun before the call; the one after it did not.
    await("worker " + worker.config().workerId() + " polling twice",
        () -> worker.polls() >= seen + 2);
  }

  /** Waits until {@code worker} has looked for due schedules, from start to end, after this call. */
  static void awaitWholeScheduleCheck(Worker worker) throws InterruptedException {
    int seen = worker.scheduleChecks();
    await("worker " + worker.config().workerId() + " looking for due schedules twice",
        () -> worker.scheduleChecks() >= seen + 2);
  }

  /** Waits until {@code condition} holds, failing with {@code what} after a minute. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WAIT + ": " + what);
      }
      Thread.sleep(5);
    }
  }
}
