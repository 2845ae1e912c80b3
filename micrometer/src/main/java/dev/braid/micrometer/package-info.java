/**
 * Records Braid's runs, steps, model calls and streamed chunks as Micrometer meters, through a
 * {@link dev.braid.runtime.RunListener}. {@link dev.braid.micrometer.BraidMetrics} is the only
 * public class. Tags are low-cardinality by design: pipeline, step, status or outcome, model and
 * token type, never a run id or anything read from inputs. Depends on Braid's public runtime API
 * and on {@code micrometer-core}.
 */
@NullMarked
package dev.braid.micrometer;

import org.jspecify.annotations.NullMarked;
