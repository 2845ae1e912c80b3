package dev.braid.benchmarks.pipelines;

import dev.braid.Pipeline;
import dev.braid.Step;
import java.util.concurrent.CountDownLatch;

/**
 * The {@link DiamondPipeline} whose first step counts down {@code started} and then waits for
 * {@code gate}, so that runs stay in flight while the heap they hold is measured.
 */
@Pipeline
public class GatedDiamondPipeline {
  private final CountDownLatch started;
  private final CountDownLatch gate;

  public GatedDiamondPipeline(CountDownLatch started, CountDownLatch gate) {
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
