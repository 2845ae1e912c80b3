package dev.braid.benchmarks;

import java.util.Locale;
import java.util.List;

/**
 * Measurements summed up by their median and quartiles: the iterations JMH measured for one
 * benchmark, pooled over the suite's rounds, in microseconds per operation, or the figures and
 * ratios of the rounds {@link Turns} takes. The median stands for them: the machine is shared, and
 * a neighbour's build that slows a few iterations should not move the result.
 */
record Score(double median, double lowerQuartile, double upperQuartile, int iterations) {

  static Score of(List<Double> micros) {
    double[] sorted = micros.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Score(quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75),
        sorted.length);
  }

  /** Half the interquartile range relative to the median, or NaN with too few iterations. */
  double relativeSpread() {
    return iterations < 4 ? Double.NaN : (upperQuartile - lowerQuartile) / 2 / median;
  }

  /** The spread as " ±12%" to append to a value, or "" with too few iterations. */
  String spread() {
    double spread = relativeSpread();
    if (Double.isNaN(spread)) {
      return "";
    }
    return String.format(Locale.ROOT, spread < 0.01 ? " ±%.1f%%" : " ±%.0f%%", 100 * spread);
  }

  private static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.1f us/op (quartiles %.1f, %.1f; %d iterations)",
        median, lowerQuartile, upperQuartile, iterations);
  }
}
