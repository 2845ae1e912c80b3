package dev.braid.processor.fuzz;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One generated source file.
 *
 * @param typeName the qualified name of its top-level type, which names the file
 * @param source its text
 * @param pipeline the qualified name of the one {@code @Pipeline} or {@code @Router} class it
 *     declares, if any
 * @param routes the qualified names of a router's routes, which must be valid for it to be
 */
record GeneratedUnit(
    String typeName, String source, @Nullable String pipeline, List<String> routes) {

  GeneratedUnit(String typeName, String source, @Nullable String pipeline) {
    this(typeName, source, pipeline, List.of());
  }
}
