package dev.braid.runtime.codegen;

import dev.braid.runtime.StepContext;
import org.jspecify.annotations.Nullable;

/**
 * One step's code as the generated executor wraps it: reads the step's inputs and dependency
 * outputs, calls the step method, and returns what it returned ({@code null} for a {@code void}
 * step).
 */
@FunctionalInterface
public interface StepBody {

  @Nullable Object run(StepOutputs outputs, StepContext context) throws Exception;
}
