/**
 * Braid's public runtime API: what a step receives ({@link dev.braid.runtime.StepContext}), what
 * it may return ({@link dev.braid.runtime.ConversationState}), and what a run produces ({@link
 * dev.braid.runtime.PipelineResult} and the exceptions under {@link
 * dev.braid.runtime.BraidException}). It depends on nothing but JSpecify; the engine lives in
 * {@code dev.braid.runtime.internal}, and what generated executors call in {@code
 * dev.braid.runtime.codegen}.
 *
 * <h2>Words</h2>
 *
 * Each word below names one idea, in this API, in its Javadoc and in messages.
 *
 * <ul>
 *   <li><b>run</b>: one execution of one pipeline, from the call that starts it to its {@link
 *       dev.braid.runtime.PipelineResult} or exception. An <b>attempt</b> is one call of a step's
 *       code within a run; a <b>model call</b> one request to a model within an attempt.
 *   <li><b>plan</b>: what the processor read from a pipeline's annotations, fixed when the code is
 *       compiled: its steps, their dependencies and what {@code @Pipeline} and {@code @Step} set
 *       ({@code PipelinePlan}, {@code StepPlan}).
 *   <li><b>config</b>: what an application sets once for an executor, usually from its
 *       configuration files, for every run it makes ({@link dev.braid.runtime.PipelineConfig},
 *       {@link dev.braid.runtime.StepConfig}).
 *   <li><b>options</b>: what a caller sets for one call only: one run ({@link
 *       dev.braid.runtime.RunOptions}) or one model call ({@link dev.braid.runtime.CallOptions}).
 *   <li><b>layer</b>: one of the places a setting may come from, most general first: {@code
 *       @Pipeline}, the config's step defaults, {@code @Step}, the config's step entry, the run's
 *       options, the call's options. A layer that leaves a setting unset keeps the one below; one
 *       that sets it wins.
 *   <li><b>settings</b>: what a run, a step or an attempt actually runs with once every layer is
 *       applied ({@link dev.braid.runtime.EffectiveSettings}); never what one layer says.
 *   <li><b>policy</b>: a rule the engine applies again at each event of a run, such as how long to
 *       pause before each retry; not something a user sets directly.
 *   <li><b>limits</b>: <b>timeout</b> bounds one attempt, <b>deadline</b> one run; a
 *       <b>budget</b> bounds the cost or tokens a run, a step or a call may spend; a <b>cap</b>
 *       ({@code maxConcurrent}) bounds a step's attempts at once over all runs of an executor; a
 *       <b>rate limit</b> ({@link dev.braid.runtime.RateLimit}) bounds a model's use per minute.
 * </ul>
 */
@NullMarked
package dev.braid.runtime;

import org.jspecify.annotations.NullMarked;
