package dev.braid.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * A runtime row of the table: one workload's three JMH benchmark methods (Braid's, the
 * hand-written baseline's and the {@code CompletableFuture} one), the metric shown and the target
 * Braid is held to.
 */
record Workload(String name, Metric metric, Class<?> benchmark, String braid, String structured,
    String futures, Target target) {

  /** The benchmark methods, Braid's first. */
  List<String> methods() {
    return List.of(braid, structured, futures);
  }

  Row row(JmhScores jmh) {
    Score braidScore = jmh.score(benchmark, braid);
    Score structuredScore = jmh.score(benchmark, structured);
    Score futuresScore = jmh.score(benchmark, futures);
    double braidValue = metric.of(braidScore.median());
    double ratio = braidValue / metric.of(structuredScore.median());
    return new Row(name, metric.label, metric.format(braidScore), metric.format(structuredScore),
        metric.format(futuresScore), String.format(Locale.ROOT, "%.2f×", ratio), target.text,
        target.verdict(braidValue, ratio));
  }
}
