/**
 * The implementation of durable runs, for {@code dev.braid.durable} only: the schema migrations,
 * the SQL of the run and checkpoint tables for each supported database, JSON encoding, and the
 * execution of one claimed run with its checkpoints. Not a public API; it may change in any
 * release.
 */
@NullMarked
package dev.braid.durable.internal;

import org.jspecify.annotations.NullMarked;
