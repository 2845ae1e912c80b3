package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one step in one run.
 *
 * @param name the step's name
 * @param status how the step ended
 * @param attempts how many attempts ran; {@code 0} when the step never started
 * @param startedAt when the first attempt started; {@code null} when the step never started
 * @param finishedAt when the last attempt ended; {@code null} when the step never started
 * @param failure what the last attempt threw, for a {@link StepStatus#FAILED failed} step (also one
 *     that failed while the run was already stopping); otherwise {@code null}
 */
public record StepRecord(
    String name,
    StepStatus status,
    int attempts,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Throwable failure) {

  public StepRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    if ((startedAt == null) != (finishedAt == null)) {
      throw new IllegalArgumentException("startedAt and finishedAt are set together");
    }
  }

  /** How long the step ran, first attempt to last; zero when it never started. */
  public Duration duration() {
    return startedAt == null || finishedAt == null
        ? Duration.ZERO
        : Duration.between(startedAt, finishedAt);
  }
}
