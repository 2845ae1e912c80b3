package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepContext;

/** A parent pipeline whose one step runs {@link RefundPipeline} as its child. */
@Pipeline(deadline = "2m")
public class TriagePipeline {
  private final RefundPipelineExecutor refunds;

  public TriagePipeline(RefundPipelineExecutor refunds) {
    this.refunds = refunds;
  }

  @Step
  String triage(@Input String ticket, StepContext context) {
    return refunds.execute(ticket, RunOptions.childOf(context)).output();
  }
}
