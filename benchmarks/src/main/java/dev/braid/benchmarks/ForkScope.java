package dev.braid.benchmarks;

import java.util.List;

/**
 * The scope Braid's runtime runs in a benchmark's fork, set by the fork's JVM flags: with {@code
 * --enable-preview -Dbraid.scope=structured} it runs steps on {@code StructuredTaskScope}, without
 * them on its own scope of plain virtual threads, as an application started with no flag does. The
 * hand-written {@code StructuredTaskScope} baseline needs the preview flag, so baselines always
 * fork with it.
 */
enum ForkScope {
  STRUCTURED("--enable-preview", "-Dbraid.scope=structured"),
  THREADS();

  final List<String> jvmArgs;

  ForkScope(String... jvmArgs) {
    this.jvmArgs = List.of(jvmArgs);
  }
}
