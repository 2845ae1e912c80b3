package dev.braid.durable.internal;

import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.StepContext;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepOutputs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * One worker's limits on how many of its runs may run a named step at once: a fair semaphore per
 * step name, shared by every run of the worker. Each attempt holds a permit while the step's code
 * runs, and waits for one interruptibly, so a timeout, the deadline or a cancel ends the wait.
 * Thread-safe.
 */
public final class StepLimits {
  private final Map<String, Semaphore> permits = new LinkedHashMap<>();

  public StepLimits(Map<String, Integer> limits) {
    limits.forEach((step, max) -> permits.put(step, new Semaphore(max, true)));
  }

  /**
   * Checks that each limited step is a step of one of {@code pipelines}, so that a misspelt name
   * does not silently limit nothing.
   *
   * @throws IllegalArgumentException naming the step, the worker, its pipelines and their steps
   */
  public static void check(String worker, Collection<String> limited,
      List<PipelineDefinition<?>> pipelines) {
    Set<String> steps = new TreeSet<>();
    pipelines.forEach(pipeline -> pipeline.plan().steps()
        .forEach(step -> steps.add(step.name())));
    for (String step : limited) {
      if (!steps.contains(step)) {
        throw new IllegalArgumentException("WorkerConfig stepConcurrency limits step '" + step
            + "', but none of the pipelines of worker " + worker + " ("
            + String.join(", ", pipelines.stream().map(PipelineDefinition::name).toList())
            + ") has a step of that name; their steps are " + steps);
      }
    }
  }

  /** How many attempts wait for a permit of {@code step}, an estimate as of now; for tests. */
  public int waiting(String step) {
    Semaphore permit = permits.get(step);
    return permit == null ? 0 : permit.getQueueLength();
  }

  /** {@code steps} with the limits applied to the steps of {@code plan} that have one. */
  public StepDispatcher apply(StepDispatcher steps, PipelinePlan plan) {
    @Nullable Semaphore[] byIndex = new Semaphore[plan.steps().size()];
    boolean any = false;
    for (int i = 0; i < byIndex.length; i++) {
      byIndex[i] = permits.get(plan.steps().get(i).name());
      any |= byIndex[i] != null;
    }
    return any ? new Limited(steps, byIndex) : steps;
  }

  private record Limited(StepDispatcher delegate, @Nullable Semaphore[] permits)
      implements StepDispatcher {
    @Override
    public @Nullable Object run(int step, StepOutputs outputs, StepContext context)
        throws Exception {
      Semaphore permit = permits[step];
      if (permit == null) {
        return delegate.run(step, outputs, context);
      }
      permit.acquire();
      try {
        return delegate.run(step, outputs, context);
      } finally {
        permit.release();
      }
    }

    @Override
    public boolean shouldRun(int step, StepOutputs outputs) throws Exception {
      return delegate.shouldRun(step, outputs);
    }
  }
}
