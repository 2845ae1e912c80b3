package dev.braid.spring.boot.autoconfigure;

import java.util.List;

/**
 * What the processor wrote about one generated executor in {@code META-INF/braid/executors}.
 *
 * @param executor the executor's binary class name
 * @param type the binary name of its {@code @Pipeline} or {@code @Router} class
 * @param router whether it runs a router rather than a pipeline
 * @param name the pipeline's name, as {@code braid.pipelines.<name>} writes it
 * @param steps the names of its steps, as {@code braid.pipelines.<name>.steps.<step>} writes them
 * @param durable whether its pipeline is durable, so that a worker can run it
 * @param source where the entry was read from, for messages
 */
record IndexEntry(
    String executor, String type, boolean router, String name, List<String> steps,
    boolean durable, String source) {

  IndexEntry {
    steps = List.copyOf(steps);
  }
}
