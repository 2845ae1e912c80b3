/**
 * The engine behind {@link dev.braid.runtime.codegen.PipelineEngine}: how a run schedules its
 * steps, runs and retries their attempts, records what happened, and stops. Not API; may change in
 * any release. One class per job: {@link dev.braid.runtime.internal.PlanRunner} starts the runs of
 * one plan, {@link dev.braid.runtime.internal.PipelineRun} runs one pipeline, {@code RunState}
 * owns its state, {@code StepRunner} a step's life, {@code AttemptRunner} one attempt (inline on its step's
 * thread, as an {@code InlineAttempt} when it can be timed out or abandoned, or on its own thread
 * as a {@code DetachedAttempt} when it must be shielded), {@code AttemptWatch} a run's timeouts,
 * graces and deadline, {@code RetryPolicy} retries, {@code ResultAssembler} results, {@code
 * RunClock} every time reading, wait and alarm, through the run's {@link
 * dev.braid.runtime.time.TimeSource} ({@code SystemTime} and its {@code Alarms} timer unless a test
 * replaced it). A run forks its steps through {@link dev.braid.runtime.internal.RunScope},
 * which {@code RunScopes} chooses once per JVM: {@code StructuredRun},
 * the only class that touches {@code StructuredTaskScope}, a preview API whose shape changes
 * between Java releases, or {@link dev.braid.runtime.internal.VirtualThreadRun} on plain virtual
 * threads. Only {@code StructuredRun}'s class file is marked as a preview class, and it is loaded
 * by name where it can load, so nothing else needs {@code --enable-preview}.
 *
 * <p>Classes are package-private unless code outside must reach them, and each public one says
 * why: {@code PlanRunner} for the engine, {@code StepSlots} for the engine and braid-durable,
 * {@code SystemTime} for {@link dev.braid.runtime.time.TimeSource#system()}. Depends on {@code
 * dev.braid.runtime}, {@code dev.braid.runtime.time} and {@code dev.braid.runtime.codegen}.
 */
@NullMarked
package dev.braid.runtime.internal;

import org.jspecify.annotations.NullMarked;
