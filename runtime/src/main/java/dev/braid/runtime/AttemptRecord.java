package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of one step in one run.
 *
 * @param number the attempt, starting at 1
 * @param outcome how it ended
 * @param startedAt when the step's code was called
 * @param finishedAt when it returned or threw, or when the run stopped waiting for it
 * @param failure what it threw, for a {@link AttemptOutcome#FAILED failed} attempt; the {@link
 *     StepTimeoutException} for a {@link AttemptOutcome#TIMED_OUT timed-out} one; otherwise null
 * @param usage what the attempt's model calls used, failed tries included
 */
public record AttemptRecord(
    int number,
    AttemptOutcome outcome,
    Instant startedAt,
    Instant finishedAt,
    @Nullable Throwable failure,
    Usage usage) {

  public AttemptRecord {
    Objects.requireNonNull(usage, "usage");
    if (number < 1) {
      throw new IllegalArgumentException("number must be 1 or more, was " + number);
    }
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** A record of an attempt that made no model call. */
  public AttemptRecord(int number, AttemptOutcome outcome, Instant startedAt, Instant finishedAt,
      @Nullable Throwable failure) {
    this(number, outcome, startedAt, finishedAt, failure, Usage.NONE);
  }

  /** How long the attempt ran. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}
