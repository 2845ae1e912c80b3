package dev.braid.durable.internal;

import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sorts the checkpoints of a run into those this build of its pipeline may reuse and those it must
 * not: a checkpoint written under another fingerprint of its step (the step's name, dependencies,
 * parameter, output or input types changed), every checkpoint downstream of one, whose step would
 * read a value of another shape, and the checkpoints of steps the pipeline no longer has. Such a
 * step runs again, and its old JSON is never read into the new type. A checkpoint stored before
 * fingerprints were kept has none and is trusted, as it was then.
 */
public final class CheckpointVersions {
  private CheckpointVersions() {}

  /**
   * The checkpoints {@link #sort} found.
   *
   * @param reusable the checkpoints this build may read, in their stored order
   * @param stale the steps whose checkpoints it must not read, to be deleted and run again
   * @param changes one sentence per change found, for the log
   */
  public record Sorted(List<Checkpoint> reusable, Set<String> stale, List<String> changes) {}

  /** The version a run of {@code pipeline} is stored with, and the names of its input types. */
  public static RunTable.Version of(PipelineDefinition<?> pipeline) {
    return new RunTable.Version(pipeline.version(), inputTypeNames(pipeline));
  }

  /** {@code [java.lang.String, com.acme.Ticket]}: the pipeline's input types, in order. */
  public static String inputTypeNames(PipelineDefinition<?> pipeline) {
    return pipeline.inputTypes().stream().map(Type::getTypeName)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  public static Sorted sort(PipelineDefinition<?> pipeline, List<Checkpoint> stored) {
    PipelinePlan plan = pipeline.plan();
    Map<String, StepPlan> steps = new HashMap<>();
    plan.steps().forEach(step -> steps.put(step.name(), step));
    Set<String> stale = new LinkedHashSet<>();
    List<String> changes = new ArrayList<>();
    Deque<StepPlan> changed = new ArrayDeque<>();
    for (Checkpoint checkpoint : stored) {
      StepPlan step = steps.get(checkpoint.step());
      if (step == null) {
        stale.add(checkpoint.step());
        changes.add("step '" + checkpoint.step() + "' was removed");
        continue;
      }
      String now = pipeline.stepFingerprints().get(step.name());
      if (checkpoint.fingerprint() != null && !checkpoint.fingerprint().equals(now)) {
        stale.add(step.name());
        changes.add("step '" + step.name() + "' changed (fingerprint " + checkpoint.fingerprint()
            + " is now " + now + "), so it runs again");
        changed.add(step);
      }
    }
    Set<String> checkpointed = stored.stream().map(Checkpoint::step)
        .collect(Collectors.toSet());
    Set<String> reached = new HashSet<>();
    while (!changed.isEmpty()) {
      StepPlan step = changed.poll();
      for (int index : step.dependents()) {
        StepPlan dependent = plan.steps().get(index);
        if (!reached.add(dependent.name())) {
          continue;
        }
        if (checkpointed.contains(dependent.name()) && stale.add(dependent.name())) {
          changes.add("step '" + dependent.name() + "' runs again after '" + step.name() + "'");
        }
        changed.add(dependent);
      }
    }
    List<Checkpoint> reusable = stored.stream()
        .filter(checkpoint -> !stale.contains(checkpoint.step()))
        .toList();
    return new Sorted(reusable, stale, changes);
  }
}
