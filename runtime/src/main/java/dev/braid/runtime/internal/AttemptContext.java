package dev.braid.runtime.internal;

import dev.braid.runtime.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StepContext} of one attempt of one step.
 *
 * @param deadlineAt when the attempt will be interrupted, or null for never
 * @param deadlineNanos the same instant on the {@link System#nanoTime()} axis
 */
record AttemptContext(
    String pipelineName, String stepName, int attempt, @Nullable Instant deadlineAt, long deadlineNanos)
    implements StepContext {

  @Override
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadlineAt);
  }

  @Override
  public Optional<Duration> remaining() {
    return deadlineAt == null
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
  }
}
