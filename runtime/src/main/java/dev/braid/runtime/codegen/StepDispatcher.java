package dev.braid.runtime.codegen;

import dev.braid.runtime.StepContext;
import org.jspecify.annotations.Nullable;

/**
 * The code of every step of one run, by index in plan order: reads the step's inputs and
 * dependency outputs, calls the step method, and returns what it returned ({@code null} for a
 * {@code void} step).
 *
 * <p>A generated executor implements it with one small class per pipeline whose {@code switch}
 * calls the step methods, so a run allocates one dispatcher instead of one lambda per step, and
 * the first run loads one class instead of one per step. Called from the steps' threads, possibly
 * from several at once.
 */
@FunctionalInterface
public interface StepDispatcher {

  /**
   * Runs step {@code step}.
   *
   * @throws IndexOutOfBoundsException if the pipeline has no step {@code step}
   */
  @Nullable Object run(int step, StepOutputs outputs, StepContext context) throws Exception;

  /**
   * Whether a {@linkplain StepPlan#conditional() conditional} step runs, from its {@code
   * @Step(when)} condition: the output of a {@code boolean} step it depends on, or a {@code boolean}
   * method of the pipeline, called once the step's dependencies have finished. Called only for
   * conditional steps; a condition that throws fails the step.
   *
   * @throws IllegalArgumentException if the step is not conditional
   */
  default boolean shouldRun(int step, StepOutputs outputs) throws Exception {
    throw new IllegalArgumentException("Step " + step + " has no condition");
  }
}
