package dev.braid.spring.boot.autoconfigure;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import java.util.concurrent.CountDownLatch;

/**
 * A pipeline whose {@code waitForever} step blocks until it is interrupted, so that only a
 * timeout ends it; its annotation allows 20 seconds, so that a test whose settings are lost fails rather than hangs, and no retry.
 */
@Pipeline
class BlockingPipeline {
  private final CountDownLatch never = new CountDownLatch(1);

  @Step(timeout = "20s", retries = 0)
  String waitForever(@Input String request) throws InterruptedException {
    never.await();
    return request;
  }

  @Step(dependsOn = "waitForever")
  String answer(String waitForever) {
    return waitForever;
  }
}
