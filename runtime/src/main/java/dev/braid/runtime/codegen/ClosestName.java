package dev.braid.runtime.codegen;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Finds the name a user most likely meant, for messages that reject an unknown one ("did you mean
 * 'extract'?"): a step in a {@code PipelineConfig}, a model in a price table, a property key in the
 * Spring Boot and Micronaut integrations. Public for those modules, so that every Braid message
 * suggests by the same rule.
 */
public final class ClosestName {
  private ClosestName() {}

  /** The known name at the smallest edit distance from {@code name}, if it is close enough. */
  public static @Nullable String of(String name, Collection<String> known) {
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
