package com.example.fresh;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import java.util.concurrent.CountDownLatch;

/**
 * The application's one pipeline. Its {@code summarize} step waits, until interrupted, for a
 * text that says {@code wait}, so that a test can see which timeout stops it.
 */
@Pipeline
class SummaryPipeline {
  private final CountDownLatch never = new CountDownLatch(1);

  @Step(timeout = "1h", retries = 0)
  String summarize(@Input String text) throws InterruptedException {
    if (text.equals("wait")) {
      never.await();
    }
    return "Summary: " + text;
  }
}
