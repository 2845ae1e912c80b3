package dev.braid.benchmarks;

import dev.braid.benchmarks.pipelines.LatencyDagPipeline;
import dev.braid.benchmarks.workloads.LatencyBenchmark;
import dev.braid.benchmarks.workloads.StepOverheadBenchmark;
import dev.braid.benchmarks.workloads.ThroughputBenchmark;
import java.util.Locale;

/** What a table row reports, computed from a JMH score in microseconds per operation. */
enum Metric {
  MICROS_PER_STEP("µs per step", "%.2f", false) {
    @Override
    double of(double microsPerOp) {
      return microsPerOp / StepOverheadBenchmark.STEPS;
    }
  },
  DAG_WALL("wall ÷ 130 ms critical path", "%.3f", false) {
    @Override
    double of(double microsPerOp) {
      return microsPerOp / (LatencyDagPipeline.CRITICAL_PATH_MS * 1000.0);
    }
  },
  FAN_OUT_WALL("wall ÷ 50 ms", "%.3f", false) {
    @Override
    double of(double microsPerOp) {
      return microsPerOp / (LatencyBenchmark.FAN_OUT_STEP_MS * 1000.0);
    }
  },
  RUNS_PER_SECOND("runs/s", "%,.0f", true) {
    @Override
    double of(double microsPerOp) {
      return ThroughputBenchmark.IN_FLIGHT * 1e6 / microsPerOp;
    }
  };

  final String label;
  private final String format;
  /** Whether a larger value is better, as for a rate. */
  final boolean higherIsBetter;

  Metric(String label, String format, boolean higherIsBetter) {
    this.label = label;
    this.format = format;
    this.higherIsBetter = higherIsBetter;
  }

  /** The metric's value for a score of {@code microsPerOp}. */
  abstract double of(double microsPerOp);

  /** The median of {@code score}, with its spread when there were enough iterations. */
  String format(Score score) {
    return String.format(Locale.ROOT, format, of(score.median())) + score.spread();
  }
}
