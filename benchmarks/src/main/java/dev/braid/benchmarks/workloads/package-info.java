/**
 * The JMH benchmarks: each workload run three ways in one suite run, by Braid's generated executor,
 * by the hand-written {@code StructuredTaskScope} baseline and by {@code CompletableFuture}s, and
 * the heap a run in flight holds, measured the same three ways; and durable runs, on H2 and on
 * PostgreSQL, against the same runs in process. Depends on the pipelines, the baselines, JMH,
 * braid-durable and the embedded PostgreSQL server.
 */
@NullMarked
package dev.braid.benchmarks.workloads;

import org.jspecify.annotations.NullMarked;
