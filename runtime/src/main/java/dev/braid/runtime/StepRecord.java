package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one step in one run.
 *
 * @param name the step's name
 * @param status how the step ended
 * @param attempts every attempt that ran, in order; empty when the step never started or was
 *     {@linkplain StepStatus#REUSED reused}
 * @param startedAt when the first attempt started; {@code null} when the step did not run
 * @param finishedAt when the step ended, retry pauses included; {@code null} when it did not run
 * @param failure what the last attempt threw, for a {@link StepStatus#FAILED failed} step (also one
 *     that failed while the run was already stopping); otherwise {@code null}
 * @param abandoned whether an attempt ignored its interrupt (after a timeout, the deadline or a
 *     stop) past a short grace, so the run stopped waiting and left its thread running
 * @param shielded whether the step is uninterruptible and was running when the run stopped, so
 *     the run waited for it instead of interrupting it
 * @param usage what the step's model calls used over all its attempts, failed and timed-out ones
 *     included, and those of the child runs it started
 * @param childRuns the runs of other pipelines the step started as its children ({@link
 *     RunOptions#childOf}), each a result or the partial result of one that threw, in the order
 *     they ended
 */
public record StepRecord(
    String name,
    StepStatus status,
    List<AttemptRecord> attempts,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Throwable failure,
    boolean abandoned,
    boolean shielded,
    Usage usage,
    List<PipelineResult<?>> childRuns) {

  public StepRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(usage, "usage");
    childRuns = List.copyOf(childRuns);
    attempts = List.copyOf(attempts);
    if ((startedAt == null) != (finishedAt == null)) {
      throw new IllegalArgumentException("startedAt and finishedAt are set together");
    }
  }

  /**
   * A record of a step that was neither abandoned nor shielded, whose times are those of its
   * first and last attempts and whose usage is theirs.
   */
  public StepRecord(
      String name, StepStatus status, List<AttemptRecord> attempts, @Nullable Throwable failure) {
    this(name, status, attempts,
        attempts.isEmpty() ? null : attempts.getFirst().startedAt(),
        attempts.isEmpty() ? null : attempts.getLast().finishedAt(),
        failure, false, false,
        attempts.stream().map(AttemptRecord::usage).reduce(Usage.NONE, Usage::plus), List.of());
  }

  /** The record of a step that never started. */
  public static StepRecord notStarted(String name) {
    return new StepRecord(name, StepStatus.NOT_STARTED, List.of(), null);
  }

  /** How many attempts ran; {@code 0} when the step never started or was reused. */
  public int attemptCount() {
    return attempts.size();
  }

  /** How long the step ran, first attempt to its end; zero when it did not run. */
  public Duration duration() {
    return startedAt == null || finishedAt == null
        ? Duration.ZERO
        : Duration.between(startedAt, finishedAt);
  }

  /**
   * How long the step's attempts waited for slots of its concurrency cap ({@code maxConcurrent}),
   * all attempts together; zero for a step without a cap.
   */
  public Duration waited() {
    Duration waited = Duration.ZERO;
    for (AttemptRecord attempt : attempts) {
      waited = waited.plus(attempt.waited());
    }
    return waited;
  }
}
