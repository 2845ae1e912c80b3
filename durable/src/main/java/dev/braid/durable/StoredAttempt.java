package dev.braid.durable;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of one step of a durable run, stored by the worker that ran it as soon as the
 * attempt ended (a successful one with its step's checkpoint). Every claim of the run keeps its
 * own: after a takeover, the attempts of the worker that stopped stay beside those of the worker
 * that took over.
 *
 * @param step the step's name
 * @param claim which claim of the run made it: {@link StoredRun#attempts()} when it was made, 1
 *     for the first worker to run it
 * @param worker the id of the worker that made it ({@link WorkerConfig#workerId()})
 * @param number the attempt within its step and claim, starting at 1
 * @param outcome how it ended
 * @param startedAt when it began, a wait for a concurrency slot included
 * @param finishedAt when it returned or threw
 * @param waited how long it waited for a concurrency slot of its step
 * @param error what it threw, as {@code Throwable.toString()}; null unless it failed or timed out
 * @param errorTrace the stack trace of what it threw, with its causes, cut at 8 KiB
 * @param usage what its model calls used, by model
 * @param calls its model calls one by one, in the order they ended; of an attempt that made so
 *     many that they do not fit 1,000,000 characters of JSON, the first ones ({@code usage}
 *     counts them all)
 */
public record StoredAttempt(String step, int claim, String worker, int number,
    AttemptOutcome outcome, Instant startedAt, Instant finishedAt, Duration waited,
    @Nullable String error, @Nullable String errorTrace, Usage usage,
    List<StoredModelCall> calls) {

  public StoredAttempt {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(waited, "waited");
    Objects.requireNonNull(usage, "usage");
    calls = List.copyOf(calls);
  }

  /** How long it took, its wait for a slot included. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}
