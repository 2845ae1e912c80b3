package dev.braid.processor.validation;

import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Suggests the known name closest to a misspelt one, by edit distance, when it is close enough to
 * be a likely typo: at most a third of the name's length, and at least one edit. The mangled JVM
 * names of internal Kotlin functions are never suggested: nobody writes them.
 */
final class DidYouMean {
  private DidYouMean() {}

  /** The first of {@code candidates} nearest to {@code typo}, if near enough. */
  static Optional<String> closest(String typo, Collection<String> candidates) {
    int allowed = Math.max(1, typo.length() / 3);
    @Nullable String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (InternalFunctions.isMangled(candidate)) {
        continue;
      }
      int distance = candidate.equalsIgnoreCase(typo) ? 0 : distance(typo, candidate);
      if (distance <= allowed && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance, in two rows of memory. */
  static int distance(String a, String b) {
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
