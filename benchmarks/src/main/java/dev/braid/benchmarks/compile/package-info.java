/**
 * Processor time: compiles generated pipelines in-process with {@code javax.tools} and Braid's
 * processor, timing the processor's own calls apart from the rest of javac. Each size is compiled
 * in a fresh JVM, so that the first compile is as cold as a build's. Depends on the JDK compiler,
 * the pipeline generator, and Braid's processor at run time only.
 */
@NullMarked
package dev.braid.benchmarks.compile;

import org.jspecify.annotations.NullMarked;
