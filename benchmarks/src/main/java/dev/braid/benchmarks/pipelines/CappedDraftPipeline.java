package dev.braid.benchmarks.pipelines;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import java.util.concurrent.Callable;

/**
 * One step, {@code draft}, capped at five attempts at once across all runs of an executor, as a
 * model's rate limit would ask; what the step does is the benchmark's to say.
 */
@Pipeline
public class CappedDraftPipeline {
  /** The cap on {@code draft}. */
  public static final int CAP = 5;

  private final Callable<String> draftWork;

  public CappedDraftPipeline(Callable<String> draftWork) {
    this.draftWork = draftWork;
  }

  @Step(maxConcurrent = CAP)
  String draft(@Input String ticket) throws Exception {
    return ticket + ": " + draftWork.call();
  }
}
