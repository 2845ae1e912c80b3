package dev.braid.benchmarks.versus;

/**
 * One durable-execution library running the workloads in this JVM, against a database of its
 * own: it submits runs, runs them on a worker in this JVM, and reports a run's end through its
 * public API. Not thread-safe: the benchmark's thread uses it.
 */
interface Contender extends AutoCloseable {
  /** The name in the table. */
  String name();

  /** The database its runs are stored in. */
  String database();

  /** Its totals on the wire so far. */
  WireCountingSocketFactory.Wire wire();

  /** Queues {@code count} chain runs, with inputs from {@code first} on, and returns. */
  void submitChains(int first, int count) throws Exception;

  /** SQL that counts its runs not yet ended. */
  String activeRunsQuery();

  /** SQL that counts its runs that succeeded. */
  String succeededRunsQuery();

  /** Runs one chain from {@code start}, returns once its result is read, and checks it. */
  void runChain(int start) throws Exception;

  /** Runs one fan-out from {@code start}, returns once its result is read, and checks it. */
  void runFanOut(int start) throws Exception;

  /**
   * Runs one chain from {@code start} and returns once its outcome is stored, however long the
   * library's API would take to notice; then checks its result.
   */
  void runChainUntilStored(int start) throws Exception;

  /** Runs one fan-out as {@link #runChainUntilStored} runs a chain. */
  void runFanOutUntilStored(int start) throws Exception;

  /** Stops its worker and closes its connections. */
  @Override
  void close();

  /** Throws unless {@code actual} is {@code expected}: a benchmark that computes wrong is void. */
  static void check(String contender, String workload, int expected, int actual) {
    if (expected != actual) {
      throw new IllegalStateException(contender + " returned " + actual + " from a " + workload
          + " run that should return " + expected);
    }
  }
}
