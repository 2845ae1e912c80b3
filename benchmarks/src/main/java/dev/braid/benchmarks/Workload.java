package dev.braid.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * A runtime row of the table: one workload's three JMH benchmark methods (Braid's, measured in
 * both scopes, the hand-written baseline's and the {@code CompletableFuture} one), the metric shown
 * and the target Braid is held to in both scopes. Braid's own scope is also held to within ±10 % of
 * {@code StructuredTaskScope}.
 */
record Workload(String name, Metric metric, Class<?> benchmark, String braid, String structured,
    String futures, Target target) {

  /** How close Braid's own scope must be to {@code StructuredTaskScope}, either way. */
  static final double SCOPE_TOLERANCE = 0.10;

  /** The benchmark methods and the scopes of their forks, Braid's first. */
  List<Fork> forks() {
    return List.of(new Fork(braid, ForkScope.STRUCTURED), new Fork(braid, ForkScope.THREADS),
        new Fork(structured, ForkScope.STRUCTURED), new Fork(futures, ForkScope.STRUCTURED));
  }

  /** One benchmark method in forks of one scope. */
  record Fork(String method, ForkScope scope) {}

  Row row(JmhScores jmh) {
    Score braidScore = jmh.score(benchmark, braid, ForkScope.STRUCTURED);
    Score threadsScore = jmh.score(benchmark, braid, ForkScope.THREADS);
    Score structuredScore = jmh.score(benchmark, structured);
    Score futuresScore = jmh.score(benchmark, futures);
    double braidValue = metric.of(braidScore.median());
    double threadsValue = metric.of(threadsScore.median());
    double handWritten = metric.of(structuredScore.median());
    double ratio = braidValue / handWritten;
    double threadsRatio = threadsValue / handWritten;
    double scopes = threadsValue / braidValue;
    boolean met = target.met(braidValue, ratio) && target.met(threadsValue, threadsRatio);
    return new Row(name, metric.label, metric.format(braidScore), metric.format(threadsScore),
        metric.format(structuredScore), metric.format(futuresScore), times(ratio),
        times(threadsRatio), times(scopes), target.text,
        target == Target.NONE ? "" : met ? "yes" : "**no**",
        Math.abs(scopes - 1) <= SCOPE_TOLERANCE ? "yes" : "**no**");
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }
}
