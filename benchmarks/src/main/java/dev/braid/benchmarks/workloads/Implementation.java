package dev.braid.benchmarks.workloads;

/** The ways each workload runs, in the order the table shows them. */
public enum Implementation {
  /**
   * The executor Braid's processor generated from a {@code @Pipeline} class, in a JVM with
   * {@code --enable-preview -Dbraid.scope=structured}, where the runtime runs steps on {@code
   * StructuredTaskScope}.
   */
  BRAID("Braid, STS"),
  /** The same executor in a JVM without the flag, on Braid's own scope of virtual threads. */
  BRAID_THREADS("Braid, threads"),
  /** {@code StructuredTaskScope} and virtual threads, written by hand: the baseline. */
  STRUCTURED("hand-written STS"),
  /** {@code CompletableFuture} stages on a virtual-thread-per-task executor. */
  FUTURES("CompletableFuture");

  private final String label;

  Implementation(String label) {
    this.label = label;
  }

  /** The column heading. */
  public String label() {
    return label;
  }
}
