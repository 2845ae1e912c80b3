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
 * @param startedAt when the attempt began: when it asked for a concurrency slot if its step has a
 *     cap ({@code maxConcurrent}), otherwise when the step's code was called
 * @param finishedAt when it returned or threw, or when the run stopped waiting for it
 * @param failure what it threw, for a {@link AttemptOutcome#FAILED failed} attempt; the {@link
 *     StepTimeoutException} for a {@link AttemptOutcome#TIMED_OUT timed-out} one; otherwise null
 * @param usage what the attempt's model calls used, failed tries included
 * @param waited how long, from {@code startedAt}, the attempt waited for a slot of its step's
 *     concurrency cap before its code was called; zero for a step without a cap. An attempt that
 *     timed out or was cancelled while it waited waited its whole duration.
 */
public record AttemptRecord(
    int number,
    AttemptOutcome outcome,
    Instant startedAt,
    Instant finishedAt,
    @Nullable Throwable failure,
    Usage usage,
    Duration waited) {

  public AttemptRecord {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(waited, "waited");
    if (waited.isNegative()) {
      throw new IllegalArgumentException("waited must not be negative, was " + waited);
    }
    if (number < 1) {
      throw new IllegalArgumentException("number must be 1 or more, was " + number);
    }
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** A record of an attempt that did not wait for a concurrency slot. */
  public AttemptRecord(int number, AttemptOutcome outcome, Instant startedAt, Instant finishedAt,
      @Nullable Throwable failure, Usage usage) {
    this(number, outcome, startedAt, finishedAt, failure, usage, Duration.ZERO);
  }

  /** A record of an attempt that made no model call and did not wait for a concurrency slot. */
  public AttemptRecord(int number, AttemptOutcome outcome, Instant startedAt, Instant finishedAt,
      @Nullable Throwable failure) {
    this(number, outcome, startedAt, finishedAt, failure, Usage.NONE);
  }

  /** How long the attempt took, its wait for a concurrency slot included. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** How long the step's code ran: the attempt's duration less its wait for a slot. */
  public Duration ran() {
    return duration().minus(waited);
  }
}
