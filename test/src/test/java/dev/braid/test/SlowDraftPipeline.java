package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.StepContext;

/**
 * One model call with a 30-second timeout, three retries after pauses from 2 s up, and a two-minute
 * deadline.
 */
@Pipeline(timeout = "30s", retries = 3, retryDelay = "2s", deadline = "2m")
public class SlowDraftPipeline {
  private final ModelClient<String, String> model;

  public SlowDraftPipeline(ModelClient<String, String> model) {
    this.model = model;
  }

  @Step
  String draft(@Input String ticket, StepContext context) throws InterruptedException {
    return context.call(model, "Draft a reply to: " + ticket).value();
  }
}
