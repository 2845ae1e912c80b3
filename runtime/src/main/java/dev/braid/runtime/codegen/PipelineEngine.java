package dev.braid.runtime.codegen;

import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.internal.PipelineRun;
import dev.braid.runtime.internal.PreviewSupport;
import dev.braid.runtime.internal.Schedule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link PipelinePlan}: one engine per generated executor, shared by all its runs.
 *
 * <p>Creating an engine checks that the JVM can run Braid (Java 25 with {@code --enable-preview})
 * and fails at once with advice if not, so a misconfigured application fails when the executor is
 * created rather than on its first request. Thread-safe.
 */
public final class PipelineEngine {
  private final PipelinePlan plan;
  private final Schedule schedule;

  private PipelineEngine(PipelinePlan plan) {
    this.plan = plan;
    this.schedule = Schedule.of(plan);
  }

  /**
   * Creates the engine for {@code plan}.
   *
   * @throws IllegalStateException if this JVM cannot run Braid's runtime, with the fix
   */
  public static PipelineEngine create(PipelinePlan plan) {
    Objects.requireNonNull(plan, "plan");
    PreviewSupport.check(plan.name());
    return new PipelineEngine(plan);
  }

  public PipelinePlan plan() {
    return plan;
  }

  /**
   * Runs the pipeline once, with {@code bodies[i]} as the code of step {@code i}, and returns after
   * every thread the run started has ended.
   *
   * @throws StepExecutionException if a step failed
   * @throws RunCancelledException if the calling thread was interrupted
   */
  public <O extends @Nullable Object> PipelineResult<O> execute(StepBody... bodies) {
    if (bodies.length != plan.steps().size()) {
      throw new IllegalArgumentException("Pipeline '" + plan.name() + "' has "
          + plan.steps().size() + " steps but was given " + bodies.length + " step bodies");
    }
    return new PipelineRun<O>(schedule, bodies).execute();
  }
}
