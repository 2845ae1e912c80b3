package dev.braid.benchmarks;

import dev.braid.benchmarks.workloads.Implementation;
import java.util.List;

/** One line of the results table, every cell already formatted. */
record Row(String workload, String metric, String braid, String structured, String futures,
    String ratio, String target, String met) {

  static final List<String> HEADINGS = List.of("workload", "metric",
      Implementation.BRAID.label(), Implementation.STRUCTURED.label(),
      Implementation.FUTURES.label(), "Braid ÷ hand-written", "target", "met");

  List<String> cells() {
    return List.of(workload, metric, braid, structured, futures, ratio, target, met);
  }

  /** This row without its verdict, for numbers too rough to hold to a target. */
  Row unjudged() {
    return new Row(workload, metric, braid, structured, futures, ratio, target,
        met.isEmpty() ? "" : "n/a");
  }

  /** A row for a measurement that failed, so that the rest of the table still prints. */
  static Row failed(String workload, String metric, Throwable failure) {
    return new Row(workload, metric, "failed: " + failure.getClass().getSimpleName(), "", "", "",
        "", "**no**");
  }
}
