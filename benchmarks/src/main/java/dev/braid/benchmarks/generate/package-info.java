/**
 * The generator of large pipeline sources, used at build time and by the processor-time
 * benchmark. Depends on the JDK only, so that the build can run it as a single source file.
 */
@NullMarked
package dev.braid.benchmarks.generate;

import org.jspecify.annotations.NullMarked;
