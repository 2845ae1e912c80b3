package dev.braid.durable.internal;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.StepContext;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepOutputs;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Runs the pipeline's own dispatcher and keeps what each step's last returning attempt returned,
 * so that the checkpoint listener can store it when the step ends: {@code RunListener.stepEnded}
 * gives the step's record but not its output. Keyed by attempt, so a late return from an
 * abandoned attempt is never taken for the output of the attempt that succeeded. Thread-safe.
 */
final class CapturingDispatcher implements StepDispatcher {
  private record Returned(int attempt, @Nullable Object value) {}

  private final StepDispatcher delegate;
  private final PipelinePlan plan;
  private final AtomicReferenceArray<Returned> returned;

  CapturingDispatcher(StepDispatcher delegate, PipelinePlan plan) {
    this.delegate = delegate;
    this.plan = plan;
    this.returned = new AtomicReferenceArray<>(plan.steps().size());
  }

  @Override
  public @Nullable Object run(int step, StepOutputs outputs, StepContext context)
      throws Exception {
    Object value = delegate.run(step, outputs, context);
    returned.set(step, new Returned(context.attempt(), value));
    return value;
  }

  @Override
  public boolean shouldRun(int step, StepOutputs outputs) throws Exception {
    return delegate.shouldRun(step, outputs);
  }

  /**
   * Whether attempt {@code attempt} of {@code step} returned; its value is then {@link #output}.
   */
  boolean returned(int step, int attempt) {
    Returned last = returned.get(step);
    return last != null && last.attempt() == attempt;
  }

  /**
   * The output dependents of {@code step} read: what it returned, or for a conversational step
   * its state's data.
   */
  @Nullable Object output(int step) {
    Object value = returned.get(step).value();
    return plan.steps().get(step).conversational() && value instanceof ConversationState<?> state
        ? state.data()
        : value;
  }
}
