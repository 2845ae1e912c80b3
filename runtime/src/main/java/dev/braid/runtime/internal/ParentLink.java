package dev.braid.runtime.internal;

import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.CallOptions;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepContext;
import dev.braid.runtime.Usage;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Ties a child run to the step attempt that started it: the child ends by the parent attempt's
 * deadline, draws on the parent's step and run budgets as well as its own, charges what it uses to
 * the parent step, and is recorded in the parent step's record. Cancellation needs no link: the
 * child runs on the parent step's thread, which the parent's stop interrupts. Thread-safe.
 */
final class ParentLink {
  private final AttemptContext parent;

  private ParentLink(AttemptContext parent) {
    this.parent = parent;
  }

  /**
   * The link to {@code context}'s attempt.
   *
   * @throws IllegalArgumentException if {@code context} is not one Braid handed to a running step
   */
  public static ParentLink of(StepContext context) {
    if (!(context instanceof AttemptContext attempt)) {
      throw new IllegalArgumentException("RunOptions.childOf needs the StepContext Braid passed to"
          + " a running step, not " + context.getClass().getName());
    }
    return new ParentLink(attempt);
  }

  /** The time the parent attempt has left, or null if it has no deadline. */
  @Nullable Duration remaining() {
    return parent.remaining().orElse(null);
  }

  /** The time source of the parent run, which a child run shares unless configured otherwise. */
  TimeSource time() {
    return parent.clock().time();
  }

  /**
   * Whether the calling thread holds the parent step's busy count, which a child run on the same
   * virtual time source borrows while it runs: true on the parent attempt's own thread.
   */
  boolean onParentThread() {
    return parent.onStepThread();
  }

  /** The identifier listeners know the parent run by, or null if no one listens to it. */
  @Nullable String runId() {
    return parent.calls().runId();
  }

  /** The parent's pipeline and step, for messages. */
  String describe() {
    return "step '" + parent.stepName() + "' of pipeline '" + parent.pipelineName() + "'";
  }

  /**
   * Holds a child call's reservation against the parent step's and run's budgets.
   *
   * @throws BudgetExceededException if a parent budget refuses it, after stopping the parent run
   */
  RunLedger.Reservation reserve(CallOptions options, boolean priced) {
    return parent.calls().reserveForChild(parent, options, priced);
  }

  /** Charges what a child call used to the parent's attempt, step and run. */
  void settle(RunLedger.Reservation reservation, Usage used) {
    parent.calls().settleForChild(parent, reservation, used);
  }

  /** Records a finished child run, or the partial result of one that threw, in the parent step. */
  public void record(PipelineResult<?> child) {
    parent.calls().recordChild(parent, child);
  }
}
