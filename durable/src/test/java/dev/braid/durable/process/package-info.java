/**
 * Tests of durable runs across processes and across failures of the database: a worker process
 * killed with {@code SIGKILL} mid-run, two worker processes draining one queue, and a worker whose
 * database goes away and comes back. They run against an embedded PostgreSQL server, since H2
 * locks its file to one process. Besides the public API of {@code dev.braid.durable} they use only
 * the JDK, JDBC and the embedded server; {@link dev.braid.durable.process.ScaleOutBenchmark} is a
 * program, not a test.
 */
@NullMarked
package dev.braid.durable.process;

import org.jspecify.annotations.NullMarked;
