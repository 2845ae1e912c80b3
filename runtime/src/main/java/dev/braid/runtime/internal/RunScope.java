package dev.braid.runtime.internal;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;

/**
 * Where a run's step tasks run: one virtual thread per task, all joined before the run returns.
 * {@link RunScopes} picks one implementation per JVM: {@code StructuredRun} on {@code
 * StructuredTaskScope} where the JVM can load that preview API, {@link VirtualThreadRun} anywhere
 * else. Both keep the same contract, so the rest of the runtime never knows which one it has.
 */
interface RunScope {

  /**
   * Forks every task, waits until all have ended or one of them makes {@code stopRequested} true,
   * then interrupts those still running and waits for them. Returns only after every thread it
   * started has ended. {@code stopRequested} is checked as each task completes, so a caller that
   * can be stopped from outside its tasks interrupts the calling thread when that happens, as a
   * run's coordinator does ({@link InFlight#stop}). A task's own exception ends that task alone;
   * the run's outcome lives in its coordinator, not in the scope.
   *
   * @param name names the scope in thread dumps, where the implementation has one
   * @param threads makes the tasks' threads, one per task in their order, on the calling thread
   * @param onCancel runs when the calling thread is interrupted, before the tasks are, so that they
   *     can tell a cancelled run from a failure of their own
   * @throws InterruptedException if the calling thread was interrupted; the tasks were interrupted
   *     and have ended
   */
  void forkAll(String name, List<Runnable> tasks, ThreadFactory threads,
      BooleanSupplier stopRequested, Runnable onCancel) throws InterruptedException;

  /** Names this implementation in the log and in {@code -Dbraid.scope}. */
  String mode();
}
