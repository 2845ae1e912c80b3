package dev.braid.processor.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/** The random choices of one case, all from its seed. */
final class Dice {
  private final SplittableRandom random;

  Dice(long seed) {
    this.random = new SplittableRandom(seed);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** A number from {@code from} (inclusive) to {@code to} (exclusive). */
  int between(int from, int to) {
    return random.nextInt(from, to);
  }

  double fraction() {
    return random.nextDouble();
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
