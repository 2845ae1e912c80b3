package dev.braid.durable;

import dev.braid.runtime.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A step of a durable run that has finished and been checkpointed: one bar of the run's timeline.
 *
 * @param step the step's name
 * @param startedAt when its first attempt started
 * @param finishedAt when it succeeded
 * @param attempts how many attempts it took
 * @param usage what its model calls used, over all its attempts
 * @param outputJson its output as JSON (for a conversational step, its state's data), as the
 *     steps that depend on it read it
 */
public record StoredStep(String step, Instant startedAt, Instant finishedAt, int attempts,
    Usage usage, String outputJson) {

  public StoredStep {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(outputJson, "outputJson");
  }

  /** How long the step ran, retries included. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}
