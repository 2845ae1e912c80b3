/**
 * The benchmark suite's entry point: {@link dev.braid.benchmarks.BenchmarkSuite} runs every
 * workload with JMH, the heap and processor-time measurements, and prints one Markdown table.
 * Depends on every other package of this module and on JMH's runner.
 */
@NullMarked
package dev.braid.benchmarks;

import org.jspecify.annotations.NullMarked;
