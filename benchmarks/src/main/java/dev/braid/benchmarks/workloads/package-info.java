/**
 * The JMH benchmarks: each workload run three ways in one suite run, by Braid's generated executor,
 * by the hand-written {@code StructuredTaskScope} baseline and by {@code CompletableFuture}s, and
 * the heap a run in flight holds, measured the same three ways. Depends on the pipelines, the
 * baselines and JMH.
 */
@NullMarked
package dev.braid.benchmarks.workloads;

import org.jspecify.annotations.NullMarked;
