/**
 * The processor's entry point as javac sees it: {@link
 * dev.braid.processor.entry.BraidProcessorEntry}, compiled for Java 8 so that an older javac can
 * load it and be told which JDK Braid needs. Depends only on the JDK; reaches {@code
 * dev.braid.processor} by name, never by a compiled reference.
 */
@NullMarked
package dev.braid.processor.entry;

import org.jspecify.annotations.NullMarked;
