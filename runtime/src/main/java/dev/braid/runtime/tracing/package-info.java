/**
 * Braid's OpenTelemetry traces: a span per run, per step attempt and per model call, written
 * through the OpenTelemetry API alone, so that they cost next to nothing until the application
 * installs an SDK. Depends on the runtime's public API and {@code opentelemetry-api}.
 */
@NullMarked
package dev.braid.runtime.tracing;

import org.jspecify.annotations.NullMarked;
