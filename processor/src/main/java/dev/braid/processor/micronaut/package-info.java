/**
 * Makes a {@code @Pipeline} or {@code @Router} class a Micronaut bean without another annotation.
 * Loaded only by Micronaut's annotation processor, through {@code META-INF/services}; it may depend
 * on Micronaut's processor API (a {@code provided} dependency) and on the model's {@code
 * BraidNames}; no other package may depend on it, so Braid's processor runs without Micronaut.
 */
@NullMarked
package dev.braid.processor.micronaut;

import org.jspecify.annotations.NullMarked;
