/**
 * The entry points that generated executors call; not for use by hand. Their shape may change in
 * any release together with the processor that emits the calls, which is why user code never sees
 * them: an executor's public API speaks only {@code dev.braid.runtime}.
 *
 * <p>A generated executor builds one {@link dev.braid.runtime.codegen.PipelinePlan} per pipeline
 * class, creates a {@link dev.braid.runtime.codegen.PipelineEngine} from it, and on each call hands
 * the engine one {@link dev.braid.runtime.codegen.StepBody} per step, in plan order.
 */
@NullMarked
package dev.braid.runtime.codegen;

import org.jspecify.annotations.NullMarked;
