package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import java.util.concurrent.CountDownLatch;

/** A durable pipeline of one step that counts down a latch, so a test knows how many runs ran. */
@Pipeline(durable = true)
public class TickPipeline {
  private final CountDownLatch ticks;

  public TickPipeline(CountDownLatch ticks) {
    this.ticks = ticks;
  }

  @Step
  String tick(@Input String name) {
    ticks.countDown();
    return name + " ticked";
  }
}
