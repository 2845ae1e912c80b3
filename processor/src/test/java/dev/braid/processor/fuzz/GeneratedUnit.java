package dev.braid.processor.fuzz;

import org.jspecify.annotations.Nullable;

/**
 * One generated source file.
 *
 * @param typeName the qualified name of its top-level type, which names the file
 * @param source its text
 * @param pipeline the qualified name of the one {@code @Pipeline} class it declares, if any
 */
record GeneratedUnit(String typeName, String source, @Nullable String pipeline) {}
