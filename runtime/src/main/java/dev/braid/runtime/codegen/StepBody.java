package dev.braid.runtime.codegen;

import dev.braid.runtime.StepContext;
import org.jspecify.annotations.Nullable;

/**
 * One step's code, for plans written by hand: reads the step's inputs and dependency outputs,
 * calls the step's code, and returns what it returned ({@code null} for a {@code void} step).
 * Generated executors give the engine one {@link StepDispatcher} for all steps instead.
 */
@FunctionalInterface
public interface StepBody {

  @Nullable Object run(StepOutputs outputs, StepContext context) throws Exception;
}
