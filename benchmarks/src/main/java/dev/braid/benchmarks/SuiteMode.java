package dev.braid.benchmarks;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long the suite measures: a short full run; a quicker one of the in-process workloads and the
 * heap only, for a before-and-after on a busy machine; or one tiny iteration of everything for CI.
 */
enum SuiteMode {
  FULL(true, 2, 3, TimeValue.seconds(1), 6, TimeValue.milliseconds(500), 6, 5, 3),
  QUICK(false, 1, 3, TimeValue.seconds(1), 6, TimeValue.milliseconds(500), 3, 3, 0),
  SMOKE(true, 1, 0, TimeValue.milliseconds(100), 1, TimeValue.milliseconds(100), 0, 1, 0);

  /** Whether the durable runs and the compile times are measured too. */
  final boolean everything;
  /** How often every benchmark runs, each time in a new fork, Braid and baselines taking turns. */
  final int rounds;
  final int warmupIterations;
  final TimeValue warmupTime;
  final int iterations;
  final TimeValue iterationTime;
  /**
   * Heap measurements thrown away first: until the JIT has compiled the steps' code, the
   * interpreted frames of every parked thread make its stack, and so the heap, larger.
   */
  final int heapWarmups;
  final int heapRepetitions;
  final int warmCompiles;

  SuiteMode(boolean everything, int rounds, int warmupIterations, TimeValue warmupTime, int iterations,
      TimeValue iterationTime, int heapWarmups, int heapRepetitions, int warmCompiles) {
    this.everything = everything;
    this.rounds = rounds;
    this.warmupIterations = warmupIterations;
    this.warmupTime = warmupTime;
    this.iterations = iterations;
    this.iterationTime = iterationTime;
    this.heapWarmups = heapWarmups;
    this.heapRepetitions = heapRepetitions;
    this.warmCompiles = warmCompiles;
  }

  /** The mode {@code --full} (the default), {@code --quick} or {@code --smoke} selects. */
  static SuiteMode parse(String[] args) {
    SuiteMode mode = FULL;
    for (String arg : args) {
      switch (arg) {
        case "--full" -> mode = FULL;
        case "--quick" -> mode = QUICK;
        case "--smoke" -> mode = SMOKE;
        default -> throw new IllegalArgumentException(
            "Unknown argument '" + arg + "'; pass --full (the default), --quick or --smoke");
      }
    }
    return mode;
  }

  /** One line on how this mode measures, for the notes under the table. */
  String describe() {
    String jmh = "JMH average time, " + rounds + " round(s), each benchmark in a new fork per "
        + "round after " + warmupIterations + " × " + warmupTime + " warm-up"
        + (warmupIterations > 0 ? " (longer where a benchmark asks for it)" : "") + ", "
        + iterations
        + " × " + iterationTime + " measured; the median of all measured iterations, ± half "
        + "their interquartile range";
    String rest = "; heap: median of " + heapRepetitions + " after " + heapWarmups
        + " warm-up(s); compile: first compile in a fresh JVM"
        + (warmCompiles > 0 ? ", and the median of " + warmCompiles + " more in brackets" : "");
    return switch (this) {
      case SMOKE ->
          "smoke test, " + jmh + rest + " — these numbers only show that everything runs";
      case QUICK -> "quick run of the in-process workloads, " + jmh + rest;
      case FULL -> jmh + rest;
    };
  }
}
