package dev.braid.benchmarks.pipelines;

import static dev.braid.runtime.Microcents.DOLLAR;

import dev.braid.Pipeline;
import dev.braid.Step;

/**
 * The {@link DiamondPipeline} with a timeout and retries on every step, and a cost and a token
 * budget on the run, that a zero-work step never triggers: what configuring the features costs.
 */
@Pipeline(timeout = "30s", retries = 2, costBudget = DOLLAR, tokenBudget = 1_000_000)
public class GuardedDiamondPipeline {
  @Step
  int a() {
    return 1;
  }

  @Step(dependsOn = "a")
  int b(int a) {
    return a + 1;
  }

  @Step(dependsOn = "a")
  int c(int a) {
    return a * 2;
  }

  @Step(dependsOn = {"b", "c"})
  int d(int b, int c) {
    return b + c;
  }
}
