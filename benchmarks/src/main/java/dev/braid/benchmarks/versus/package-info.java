/**
 * Durable runs of braid-durable against DBOS Transact for Java, on the same workloads, in the same
 * program run and on the same embedded PostgreSQL server with its durable defaults ({@code fsync}
 * and {@code synchronous_commit} on): a drain of queued chains, a single run, a fan-out, and
 * recovery after a worker process is killed. {@link dev.braid.benchmarks.versus.DurableVersusDbos}
 * is the entry point. Statements and round trips are counted on the wire by {@link
 * dev.braid.benchmarks.versus.WireCountingSocketFactory}, which pgjdbc loads by name. Depends on
 * braid-durable, DBOS Transact, pgjdbc and the embedded server; nothing else in Braid depends on
 * it.
 */
@NullMarked
package dev.braid.benchmarks.versus;

import org.jspecify.annotations.NullMarked;
