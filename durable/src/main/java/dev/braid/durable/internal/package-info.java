/**
 * The implementation of durable runs, for {@code dev.braid.durable} only: the schema migrations
 * (on H2 preceded by rolling back the commits a killed process left half done, through H2
 * internals), the SQL of the run, checkpoint and schedule tables for each supported database, JSON
 * encoding, the execution of one claimed run with its checkpoints, the leases of a worker's runs
 * in flight and its backoff after failed claims, and what a worker does besides running runs:
 * firing due schedules (the only use of cron-utils) and deleting runs past their retention.
 * Not a public API; it may change in any release.
 */
@NullMarked
package dev.braid.durable.internal;

import org.jspecify.annotations.NullMarked;
