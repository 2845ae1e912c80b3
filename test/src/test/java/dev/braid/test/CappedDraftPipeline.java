package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.CallOptions;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.StepContext;
import java.time.Duration;

/**
 * A draft step that at most one run at a time may run, and a check whose model call has a
 * five-second timeout of its own: the concurrency cap and the call's timeout on virtual time.
 */
@Pipeline(deadline = "5m")
public class CappedDraftPipeline {
  private final ModelClient<String, String> drafts;
  private final ModelClient<String, String> checks;

  public CappedDraftPipeline(ModelClient<String, String> drafts,
      ModelClient<String, String> checks) {
    this.drafts = drafts;
    this.checks = checks;
  }

  @Step(maxConcurrent = 1, timeout = "1m")
  String draft(@Input String ticket, StepContext context) throws InterruptedException {
    return context.call(drafts, ticket).value();
  }

  @Step(dependsOn = "draft")
  String check(String draft, StepContext context) throws InterruptedException {
    return context.call(checks, draft,
        CallOptions.builder().timeout(Duration.ofSeconds(5)).retries(1).build()).value();
  }
}
