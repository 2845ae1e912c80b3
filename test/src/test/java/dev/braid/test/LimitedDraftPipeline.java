package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.StepContext;

/** One step that makes one model call: runs whose calls a rate limit spaces out. */
@Pipeline(deadline = "10m")
public class LimitedDraftPipeline {
  private final ModelClient<String, String> drafts;

  public LimitedDraftPipeline(ModelClient<String, String> drafts) {
    this.drafts = drafts;
  }

  @Step(timeout = "5m")
  String draft(@Input String ticket, StepContext context) throws InterruptedException {
    return context.call(drafts, ticket).value();
  }
}
