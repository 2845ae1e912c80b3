/**
 * Braid's public runtime API: what a step receives ({@link dev.braid.runtime.StepContext}), what
 * it may return ({@link dev.braid.runtime.ConversationState}), and what a run produces ({@link
 * dev.braid.runtime.PipelineResult} and the exceptions under {@link
 * dev.braid.runtime.BraidException}). It depends on nothing but JSpecify; the engine lives in
 * {@code dev.braid.runtime.internal}.
 */
@NullMarked
package dev.braid.runtime;

import org.jspecify.annotations.NullMarked;
