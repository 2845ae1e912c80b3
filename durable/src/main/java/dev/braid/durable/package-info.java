/**
 * Durable, queued runs: {@link dev.braid.durable.DurableRuns} stores a submitted run in a database
 * before it returns, and {@link dev.braid.durable.Worker}s claim queued runs, run them with the
 * {@link dev.braid.durable.DurablePipeline}s registered with them, checkpoint each finished step,
 * and take over runs whose worker stopped renewing its lease, resuming them without running their
 * checkpointed steps again. {@link dev.braid.durable.RunSchedules} queues runs on cron schedules,
 * and {@link dev.braid.durable.RunRetention} (or a worker) deletes old ended runs. The database is
 * H2 (embedded, the default) or PostgreSQL; see {@link dev.braid.durable.DurableDatabase}. Depends
 * on Braid's public runtime API (including its {@code codegen} package, for {@code
 * PipelineEngine}), Jackson 3, JDBC and HikariCP; the SQL and the use of cron-utils live in {@code
 * dev.braid.durable.internal}.
 */
@NullMarked
package dev.braid.durable;

import org.jspecify.annotations.NullMarked;
