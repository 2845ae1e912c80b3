package dev.braid.runtime.internal;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.function.BooleanSupplier;

/**
 * Runs tasks on virtual threads in one {@link StructuredTaskScope}. The only class in Braid that
 * uses the preview API, so that a change of its shape in a later Java release touches one file.
 *
 * <p>Every task is forked at once: JDK 25 lets only the scope's owner fork, so a task that must
 * wait for others blocks on its own thread rather than being forked later.
 */
final class StructuredRun {
  private StructuredRun() {}

  /**
   * Forks every task, waits until all have ended or one of them makes {@code stopRequested} true,
   * then interrupts those still running and waits for them. Returns only after every thread it
   * started has ended. {@code stopRequested} is checked as each task completes, so a caller that
   * can be stopped from outside its tasks interrupts the calling thread when that happens, as
   * {@link ScopeOwner} does.
   *
   * @param threads makes the tasks' threads, one per task in their order
   * @param onCancel runs when the calling thread is interrupted, before the tasks are, so that they
   *     can tell a cancelled run from a failure of their own
   * @throws InterruptedException if the calling thread was interrupted; the tasks were interrupted
   *     and have ended
   */
  static void forkAll(
      String name, List<Runnable> tasks, ThreadFactory threads, BooleanSupplier stopRequested,
      Runnable onCancel) throws InterruptedException {
    try (var scope = StructuredTaskScope.open(new StopWhen(stopRequested),
        config -> config.withName(name).withThreadFactory(threads))) {
      for (Runnable task : tasks) {
        scope.fork(task);
      }
      try {
        scope.join();
      } catch (InterruptedException e) {
        onCancel.run();
        throw e;
      }
    }
  }

  /** Cancels the scope as soon as a finished task leaves the run wanting to stop. */
  private record StopWhen(BooleanSupplier stopRequested) implements Joiner<Object, Void> {
    @Override
    public boolean onComplete(Subtask<?> subtask) {
      return stopRequested.getAsBoolean();
    }

    @Override
    public Void result() {
      return null;
    }
  }
}
