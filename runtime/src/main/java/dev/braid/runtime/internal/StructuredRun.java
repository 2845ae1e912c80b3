package dev.braid.runtime.internal;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.function.BooleanSupplier;

/**
 * Runs tasks on virtual threads in one {@link StructuredTaskScope}. The only class in Braid that
 * uses the preview API, so that a change of its shape in a later Java release touches one file, and
 * the only class file marked as a Java 25 preview class: {@link RunScope} loads it by name, and
 * only on a JVM that can, so that no other class ever links to it.
 *
 * <p>Every task is forked at once: JDK 25 lets only the scope's owner fork, so a task that must
 * wait for others blocks on its own thread rather than being forked later. Stateless.
 */
final class StructuredRun implements RunScope {
  @Override
  public void forkAll(
      String name, List<Runnable> tasks, List<String> threadNames, BooleanSupplier stopRequested,
      Runnable onCancel) throws InterruptedException {
    // The scope asks for one thread per fork, in the order of the forks, on this thread.
    Iterator<String> names = threadNames.iterator();
    Thread.Builder.OfVirtual threads = Thread.ofVirtual();
    try (var scope = StructuredTaskScope.open(new StopWhen(stopRequested),
        config -> config.withName(name)
            .withThreadFactory(task -> threads.name(names.next()).unstarted(task)))) {
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

  @Override
  public String mode() {
    return RunScope.STRUCTURED;
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
