/**
 * The entry points that generated executors call; not for use by hand. Their shape may change in
 * any release together with the processor that emits the calls, which is why user code never sees
 * them: an executor's public API speaks only {@code dev.braid.runtime}.
 *
 * <p>A generated executor builds one {@link dev.braid.runtime.codegen.PipelinePlan} per pipeline
 * class, creates a {@link dev.braid.runtime.codegen.PipelineEngine} from it (with the executor's
 * {@code PipelineConfig}), and on each call hands the engine the call's {@code RunOptions}, the
 * pipeline's inputs in {@link dev.braid.runtime.codegen.PipelinePlan#inputs()} order, and one
 * {@link dev.braid.runtime.codegen.StepDispatcher} that runs any step by its index in plan order —
 * to {@code execute}, {@code executeAsync} or {@code resume}. A step reads a dependency with {@link
 * dev.braid.runtime.codegen.StepOutputs#get}, or an optional one with {@code optional} or {@code
 * outcome}. Plans written by hand may instead give one {@link dev.braid.runtime.codegen.StepBody}
 * per step. A router's executor runs a plan of two steps the same way, with {@link
 * dev.braid.runtime.codegen.Routing} to check the route its route method chose and to hand on the
 * chosen pipeline's result.
 */
@NullMarked
package dev.braid.runtime.codegen;

import org.jspecify.annotations.NullMarked;
