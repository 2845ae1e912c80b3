package dev.braid.runtime.internal;

import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rejects configuration that names a step the pipeline does not have, suggesting the closest name;
 * also finds the closest of other names, such as a price table's models.
 */
public final class StepNames {
  private StepNames() {}

  /**
   * Returns normally if every name in {@code names} is a step of {@code plan}.
   *
   * @param source where the names came from, for the message: {@code PipelineConfig} or {@code
   *     RunOptions}
   * @throws IllegalArgumentException naming the first unknown step and the closest known one
   */
  static void requireKnown(PipelinePlan plan, Collection<String> names, String source) {
    List<String> known = plan.steps().stream().map(StepPlan::name).toList();
    for (String name : names) {
      if (!known.contains(name)) {
        String closest = closest(name, known);
        throw new IllegalArgumentException("Pipeline '" + plan.name() + "' has no step named '"
            + name + "' (in " + source + "); "
            + (closest != null ? "did you mean '" + closest + "'?" : "its steps are " + known));
      }
    }
  }

  /** The known name at the smallest edit distance from {@code name}, if it is close enough. */
  public static @Nullable String closest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Math.max(1, name.length() / 3) + 1;
    for (String candidate : known) {
      int distance = distance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance, two rows at a time. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
