/**
 * The {@code @Pipeline} classes the benchmarks run, compiled by Braid's processor like any user's:
 * the small graphs are written here, the 1,000-step ones are generated at build time by {@link
 * dev.braid.benchmarks.generate.PipelineSources} into this package. Depends only on Braid's
 * annotations.
 */
@NullMarked
package dev.braid.benchmarks.pipelines;

import org.jspecify.annotations.NullMarked;
