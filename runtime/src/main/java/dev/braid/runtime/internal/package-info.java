/**
 * The engine behind {@link dev.braid.runtime.codegen.PipelineEngine}: how a run schedules its
 * steps, records what happened, and stops. Not API; may change in any release. {@link
 * dev.braid.runtime.internal.StructuredRun} is the only class that touches {@code
 * StructuredTaskScope}, a preview API whose shape changes between Java releases, so that nothing
 * else needs {@code --enable-preview} to compile. Depends on {@code dev.braid.runtime} and {@code
 * dev.braid.runtime.codegen}.
 */
@NullMarked
package dev.braid.runtime.internal;

import org.jspecify.annotations.NullMarked;
