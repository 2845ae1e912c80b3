package dev.braid.benchmarks;

/** The goal a row is held to, from the project's performance issue. */
enum Target {
  NONE("") {
    @Override
    boolean met(double braid, double ratio) {
      return true;
    }
  },
  STEP_OVERHEAD("≤ 1.5× hand-written") {
    @Override
    boolean met(double braid, double ratio) {
      return ratio <= 1.5;
    }
  },
  DAG_WALL("≤ 1.03") {
    @Override
    boolean met(double braid, double ratio) {
      return braid <= 1.03;
    }
  },
  FAN_OUT_WALL("≤ 1.15") {
    @Override
    boolean met(double braid, double ratio) {
      return braid <= 1.15;
    }
  },
  THROUGHPUT("≥ 0.6× hand-written") {
    @Override
    boolean met(double braid, double ratio) {
      return ratio >= 0.6;
    }
  },
  GUARDED_THROUGHPUT("≥ 0.5× hand-written") {
    @Override
    boolean met(double braid, double ratio) {
      return ratio >= 0.5;
    }
  },
  /** The heap of a guarded run in flight, as a ratio to a plain one's rather than a baseline's. */
  GUARDED_HEAP("≤ 1.5× plain Braid") {
    @Override
    boolean met(double braid, double ratio) {
      return ratio <= 1.5;
    }
  },
  PROCESSOR_TIME("< 3 s (first)") {
    @Override
    boolean met(double braid, double ratio) {
      return braid < 3.0;
    }
  };

  final String text;

  Target(String text) {
    this.text = text;
  }

  /** Whether Braid's value, or its ratio to the hand-written baseline, meets the target. */
  abstract boolean met(double braid, double ratio);

  /** The table's "met" cell. */
  String verdict(double braid, double ratio) {
    return this == NONE ? "" : met(braid, ratio) ? "yes" : "**no**";
  }
}
