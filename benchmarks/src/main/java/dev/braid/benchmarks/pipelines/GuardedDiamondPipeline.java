package dev.braid.benchmarks.pipelines;

import dev.braid.Pipeline;
import dev.braid.Step;

/**
 * The {@link DiamondPipeline} with a timeout and retries on every step that a zero-work step never
 * triggers: what configuring the features costs.
 */
@Pipeline(timeout = "30s", retries = 2)
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
