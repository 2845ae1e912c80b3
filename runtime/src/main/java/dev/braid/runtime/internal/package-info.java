/**
 * The engine behind {@link dev.braid.runtime.codegen.PipelineEngine} and {@link
 * dev.braid.runtime.BatchRun}: how a run schedules its steps, runs and retries their attempts,
 * records what happened, and stops. Not API; may change in any release. Depends on {@code
 * dev.braid.runtime} and {@code dev.braid.runtime.codegen}.
 *
 * <h2>Who owns what</h2>
 *
 * {@link dev.braid.runtime.internal.PlanRunner} starts the runs of one plan; {@link
 * dev.braid.runtime.internal.PipelineRun} runs one pipeline. Its {@code RunCoordinator}
 * owns the run's state behind one lock, together with the parts that share that lock: {@code
 * InFlight} (the attempts and threads a stop must reach), {@code AttemptWatch} (the one alarm for
 * a run's inline timeouts, graces and deadline), each {@code Attempt} (with its {@code
 * AttemptState}) and {@code RunSettling} (when the caller may go). Every transition decides under
 * the lock and returns {@code Effects} — threads to start or interrupt, alarms to arm or cancel,
 * listener events — which run after unlocking, asserting that the lock is not held. Lock-free by
 * design, as thousands of steps take them at once: the {@code DependencyGates}, a step's begin,
 * and an inline attempt joining the watch; each is a volatile handshake with the stop, documented
 * where it is made.
 * {@code StepRunner} runs a step's life on its thread; {@code AttemptContext} is an attempt's
 * {@link dev.braid.runtime.StepContext} and the parent of any child run it starts; {@code
 * AttemptEnd} says how an attempt ended; {@code RetryPolicy} decides retries; {@code ResultAssembler} builds the result; {@code
 * RunClock} carries every time reading, wait and alarm to the run's {@link
 * dev.braid.runtime.time.TimeSource}, which a test may replace.
 *
 * <h2>One attempt, start to end</h2>
 *
 * <ol>
 *   <li><b>Start.</b> {@code StepRunner.runAttempt} makes an {@code Attempt}: inline on the step's
 *       thread for an interruptible step, on a thread of its own for an uninterruptible one. An
 *       inline attempt with neither timeout nor deadline just runs: nothing can stop it. The
 *       others register with {@code InFlight}, which refuses them once the run is stopping.
 *   <li><b>Timeout.</b> The {@code AttemptWatch} alarm (inline) or the attempt's own alarm
 *       interrupts it: {@code RUNNING → TIMED_OUT}, and a grace of 100 ms starts. The interrupt
 *       is sent under the run's lock, and only if the attempt has not ended meanwhile, as its
 *       thread goes on with the next attempt or step.
 *   <li><b>Stop.</b> When the run stops (a failure, an early stop, a cancel, the deadline, a
 *       budget), {@code RunCoordinator.decideStop} records why, and {@code InFlight.stop}
 *       interrupts inline attempts ({@code STOPPED}), shields those on their own thread ({@code
 *       SHIELDED}; the deadline abandons them after the grace) and wakes the scope's owner, which
 *       cancels the scope and so interrupts every other step.
 *   <li><b>Abandon.</b> An interrupted attempt still running after its grace is {@code
 *       ABANDONED}: an inline one's step is handed to a new thread ({@code InFlight.handOver},
 *       {@code StepRunner.resume}); an own-thread one's step stops waiting for it.
 *   <li><b>End.</b> Its code returns or throws: {@code ENDED}. {@code AttemptEnd.of} classifies it
 *       as succeeded, stopped early, failed or timed out, or cancelled.
 *   <li><b>Retry.</b> {@code StepRunner.runAttempts} records the attempt through the coordinator
 *       (which tells the listeners), and retries a failure the {@code RetryPolicy} allows after a
 *       pause on the run's clock, unless the run is stopping or the pause would pass the deadline.
 * </ol>
 *
 * <h2>Scopes</h2>
 *
 * A run forks its steps through a {@link dev.braid.runtime.internal.RunScope}, chosen once per JVM:
 * {@link dev.braid.runtime.internal.VirtualThreadRun} on plain virtual threads, or, where {@code
 * -Dbraid.scope=structured} asks for it, {@code StructuredRun}, the only class that touches {@code
 * StructuredTaskScope}, a preview API whose shape changes between Java releases. Only {@code
 * StructuredRun}'s class file is marked as a preview class, and it is loaded by name where it can
 * load, so nothing else needs {@code --enable-preview}. In either, the thread that ends a step runs
 * the first dependent it lets go once it is done, so that a chain runs on one thread. {@code
 * StructuredRun} forks every step's thread with the run, each parking at its {@code
 * DependencyGates} gate until it opens, and ending at once if another thread took its step; {@code
 * VirtualThreadRun} starts a step's thread as its gate opens, on the thread that opened it.
 *
 * <p>Classes are package-private unless code outside must reach them, and each public one says
 * why: {@code PlanRunner} for the engine, {@code StepSlots} for the engine and braid-durable,
 * {@code SystemTime} for {@link dev.braid.runtime.time.TimeSource#system()}.
 */
@NullMarked
package dev.braid.runtime.internal;

import org.jspecify.annotations.NullMarked;
