package dev.braid.benchmarks.versus;

import java.time.Duration;

/**
 * The shape of the workloads, the same for both contenders.
 *
 * @param chainSteps steps of a chain run
 * @param stepWork how long each chain step waits
 * @param branches parallel branches of a fan-out run
 * @param branchWork how long each branch waits
 * @param slots runs a worker runs at once
 */
record Shapes(int chainSteps, Duration stepWork, int branches, Duration branchWork, int slots) {
  /** Chains of 10 zero-work steps, fan-outs of 8 × 20 ms, 8 runs at once. */
  static final Shapes COMPARISON = new Shapes(10, Duration.ZERO, 8, Duration.ofMillis(20), 8);

  /** The same chains with {@code stepWork} in each step, so that a killed worker has runs in flight. */
  Shapes withStepWork(Duration work) {
    return new Shapes(chainSteps, work, branches, branchWork, slots);
  }
}
