package dev.braid.runtime.internal;

import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which steps a resumed run takes from an earlier result instead of running again: those that
 * succeeded (or were reused) then, whose own input reads did not change, and whose dependencies
 * are all reused too — so nothing a reused step saw, directly or through its dependencies, has
 * changed. Immutable.
 */
final class ResumePlan {
  private final boolean[] reused;
  private final @Nullable Object[] outputs;

  private ResumePlan(boolean[] reused, @Nullable Object[] outputs) {
    this.reused = reused;
    this.outputs = outputs;
  }

  /**
   * Plans a resume of {@code plan} from {@code previous} with {@code inputs}.
   *
   * @throws IllegalArgumentException if {@code previous} is a result of another pipeline, or of a
   *     version of this one with other steps
   */
  public static ResumePlan of(PipelinePlan plan, PipelineResult<?> previous, @Nullable Object[] inputs) {
    if (!previous.pipelineName().equals(plan.name())) {
      throw new IllegalArgumentException("Cannot resume pipeline '" + plan.name()
          + "' from a result of pipeline '" + previous.pipelineName() + "'");
    }
    List<String> names = plan.steps().stream().map(StepPlan::name).toList();
    List<String> previousNames = previous.steps().stream().map(StepRecord::name).toList();
    if (!names.equals(previousNames)) {
      throw new IllegalArgumentException("Cannot resume pipeline '" + plan.name()
          + "' from a result whose steps " + previousNames + " are not its steps " + names
          + "; run it again instead");
    }
    boolean[] changed = changedInputs(previous.inputs(), inputs);
    Map<String, @Nullable Object> previousOutputs = previous.stepOutputs();
    boolean[] reused = new boolean[names.size()];
    @Nullable Object[] outputs = new Object[names.size()];
    for (int index : plan.topologicalOrder()) {
      StepPlan step = plan.steps().get(index);
      boolean reusable = previous.steps().get(index).status().hasOutput()
          && previousOutputs.containsKey(step.name());
      for (int input : step.readsInputs()) {
        reusable &= input >= 0 && input < changed.length && !changed[input];
      }
      for (int dependency : step.dependencyIndexes()) {
        reusable &= reused[dependency];
      }
      reused[index] = reusable;
      outputs[index] = reusable ? previousOutputs.get(step.name()) : null;
    }
    return new ResumePlan(reused, outputs);
  }

  /** An input counts as changed if it differs or the earlier result did not keep the inputs. */
  private static boolean[] changedInputs(List<@Nullable Object> before, @Nullable Object[] now) {
    boolean[] changed = new boolean[now.length];
    for (int i = 0; i < now.length; i++) {
      changed[i] = before.size() != now.length || !Objects.equals(before.get(i), now[i]);
    }
    return changed;
  }

  /** Whether step {@code index} keeps its earlier output. */
  public boolean reused(int index) {
    return reused[index];
  }

  /** How many steps keep their earlier outputs. */
  int reusedCount() {
    int count = 0;
    for (boolean kept : reused) {
      count += kept ? 1 : 0;
    }
    return count;
  }

  /** The steps that run again, in order: those that keep no earlier output. */
  int[] stepsToRun() {
    int[] steps = new int[reused.length - reusedCount()];
    for (int step = 0, next = 0; step < reused.length; step++) {
      if (!reused[step]) {
        steps[next++] = step;
      }
    }
    return steps;
  }

  @Nullable Object output(int index) {
    return outputs[index];
  }
}
