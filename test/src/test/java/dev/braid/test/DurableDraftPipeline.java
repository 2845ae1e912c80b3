package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.StepContext;

/** A durable pipeline of two steps: one model call, then a signature. */
@Pipeline(durable = true, timeout = "30s", retries = 2)
public class DurableDraftPipeline {
  private final ModelClient<String, String> model;

  public DurableDraftPipeline(ModelClient<String, String> model) {
    this.model = model;
  }

  @Step
  String draft(@Input String ticket, StepContext context) throws InterruptedException {
    return context.call(model, "Draft a reply to: " + ticket).value();
  }

  @Step(dependsOn = "draft")
  String sign(String draft) {
    return draft + "\n-- Support";
  }
}
