package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.StepContext;

/** A child pipeline: one model call with a 30-second timeout and one retry. */
@Pipeline(timeout = "30s", retries = 1)
public class RefundPipeline {
  private final ModelClient<String, String> model;

  public RefundPipeline(ModelClient<String, String> model) {
    this.model = model;
  }

  @Step
  String decide(@Input String ticket, StepContext context) throws InterruptedException {
    return context.call(model, ticket).value();
  }
}
