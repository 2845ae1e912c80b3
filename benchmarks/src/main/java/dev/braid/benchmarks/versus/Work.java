package dev.braid.benchmarks.versus;

import java.time.Duration;

/** What a step of either contender does besides returning its value: waits, as a model call. */
final class Work {
  private Work() {}

  /** Sleeps {@code duration}; zero returns at once. */
  static void sleep(Duration duration) throws InterruptedException {
    if (!duration.isZero()) {
      Thread.sleep(duration);
    }
  }

  /** The output of a chain of {@code steps} steps given {@code start}. */
  static int chainOutput(int start, int steps) {
    return start + steps - 1;
  }

  /** The output of a fan-out of {@code branches} branches given {@code start}. */
  static int fanOutOutput(int start, int branches) {
    return branches * start + branches * (branches - 1) / 2;
  }
}
