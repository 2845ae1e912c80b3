package dev.braid.benchmarks.pipelines;

import static dev.braid.runtime.Microcents.DOLLAR;

import dev.braid.Pipeline;
import dev.braid.Step;
import java.util.concurrent.CountDownLatch;

/**
 * The {@link GatedDiamondPipeline} with the timeouts, retries and budgets of {@link
 * GuardedDiamondPipeline}, none of which fires: the heap a guarded run holds in flight.
 */
@Pipeline(timeout = "30s", retries = 2, costBudget = DOLLAR, tokenBudget = 1_000_000)
public class GuardedGatedDiamondPipeline {
  private final CountDownLatch started;
  private final CountDownLatch gate;

  public GuardedGatedDiamondPipeline(CountDownLatch started, CountDownLatch gate) {
    this.started = started;
    this.gate = gate;
  }

  @Step
  int a() throws InterruptedException {
    started.countDown();
    gate.await();
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
