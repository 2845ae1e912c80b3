package dev.braid.durable.internal;

import dev.braid.runtime.PipelineDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a worker's {@code stepConcurrency} against its pipelines. The limits themselves are the
 * runtime's {@link dev.braid.runtime.internal.StepSlots}, the same fair, interruptible slots an
 * executor's {@code @Step(maxConcurrent)} uses, one instance shared by every run of the worker.
 */
public final class StepLimits {
  private StepLimits() {}

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
}
