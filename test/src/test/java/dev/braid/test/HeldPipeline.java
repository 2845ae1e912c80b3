package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A durable pipeline whose one step says it started, waits for the test to let it go (busy, so
 * that time stands still meanwhile), then works for an hour of virtual time.
 */
@Pipeline(durable = true)
public class HeldPipeline {
  private final CountDownLatch entered;
  private final CountDownLatch released;
  private final VirtualTime time;

  public HeldPipeline(CountDownLatch entered, CountDownLatch released, VirtualTime time) {
    this.entered = entered;
    this.released = released;
    this.time = time;
  }

  @Step
  String hold(@Input String ticket) throws InterruptedException {
    entered.countDown();
    released.await();
    time.sleep(Duration.ofHours(1));
    return ticket + " held";
  }
}
