package dev.braid.benchmarks.workloads;

/** The three ways each workload runs, in the order the table shows them. */
public enum Implementation {
  /** The executor Braid's processor generated from a {@code @Pipeline} class. */
  BRAID("Braid"),
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
