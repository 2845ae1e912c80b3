package dev.braid.benchmarks;

import dev.braid.benchmarks.workloads.Implementation;
import java.util.List;

/**
 * One line of the results table, every cell already formatted: Braid in both scopes, the
 * baselines, Braid's ratio to the hand-written baseline in each scope and to itself across scopes,
 * and the verdicts.
 */
record Row(String workload, String metric, String braid, String braidThreads, String structured,
    String futures, String ratio, String threadsRatio, String scopes, String target, String met,
    String scopesMet) {

  static final List<String> HEADINGS = List.of("workload", "metric",
      Implementation.BRAID.label(), Implementation.BRAID_THREADS.label(),
      Implementation.STRUCTURED.label(), Implementation.FUTURES.label(),
      "STS ÷ hand-written", "threads ÷ hand-written", "threads ÷ STS", "target", "met",
      "threads within ±10 %");

  List<String> cells() {
    return List.of(workload, metric, braid, braidThreads, structured, futures, ratio,
        threadsRatio, scopes, target, met, scopesMet);
  }

  /** This row without its verdicts, for numbers too rough to hold to a target. */
  Row unjudged() {
    return new Row(workload, metric, braid, braidThreads, structured, futures, ratio,
        threadsRatio, scopes, target, met.isEmpty() ? "" : "n/a",
        scopesMet.isEmpty() ? "" : "n/a");
  }

  /** A row for a measurement that failed, so that the rest of the table still prints. */
  static Row failed(String workload, String metric, Throwable failure) {
    return new Row(workload, metric, "failed: " + failure.getClass().getSimpleName(), "", "", "",
        "", "", "", "", "**no**", "");
  }
}
