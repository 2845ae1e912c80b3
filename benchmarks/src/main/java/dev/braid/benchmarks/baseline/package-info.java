/**
 * The same graphs as the benchmarked pipelines, written without Braid: once as a developer would
 * with {@code StructuredTaskScope} and virtual threads (the baseline Braid is measured against),
 * and once with {@code CompletableFuture} on a virtual-thread-per-task executor. Depends only on
 * the JDK and on the step durations declared in {@code dev.braid.benchmarks.pipelines}.
 */
@NullMarked
package dev.braid.benchmarks.baseline;

import org.jspecify.annotations.NullMarked;
