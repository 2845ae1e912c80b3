package dev.braid.spring.boot.autoconfigure;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import java.util.concurrent.CountDownLatch;

/**
 * A durable pipeline. An entry that starts with {@code hold} makes its step wait, until {@link
 * #release} or an interrupt, once it has counted down {@link #started}.
 */
@Pipeline(durable = true)
class LedgerPipeline {
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  @Step(timeout = "1h", retries = 0)
  String record(@Input String entry) throws InterruptedException {
    if (entry.startsWith("hold")) {
      started.countDown();
      release.await();
    }
    return "recorded " + entry;
  }
}
