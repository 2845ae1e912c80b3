/**
 * The annotation processor's entry point: {@link dev.braid.processor.BraidProcessor} finds
 * {@code @Pipeline} and {@code @Router} classes in each round and hands each one to its
 * orchestrator, which runs the phases in order (model, validation, writing) and reports what they
 * found. It may depend on every other package of the processor and on {@code
 * javax.annotation.processing}; nothing depends on it.
 */
@NullMarked
package dev.braid.processor;

import org.jspecify.annotations.NullMarked;
