package dev.braid.runtime.internal;

import dev.braid.runtime.StepContext;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepOutputs;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code bodies[i]} as step {@code i}: how a run takes one {@link StepBody} per step, as plans
 * written by hand and tests give them, when it expects a {@link StepDispatcher}.
 */
final class BodyArray implements StepDispatcher {
  private final StepBody[] bodies;

  private BodyArray(StepBody[] bodies) {
    this.bodies = bodies;
  }

  /** A dispatcher over a copy of {@code bodies}, which later changes to the array do not reach. */
  public static BodyArray of(StepBody[] bodies) {
    return new BodyArray(bodies.clone());
  }

  @Override
  public @Nullable Object run(int step, StepOutputs outputs, StepContext context)
      throws Exception {
    return bodies[step].run(outputs, context);
  }
}
