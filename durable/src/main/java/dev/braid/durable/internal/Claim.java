package dev.braid.durable.internal;

import org.jspecify.annotations.Nullable;

/**
 * A run a worker has just claimed. {@code attempt} is the run's claim count after this claim: with
 * the owner it fences every later write, so a worker that lost the lease changes nothing. {@code
 * attemptsBeforeResume} is the claim count when a person last resumed the run, so that {@code
 * maxAttempts} counts only the claims since. {@code version} is the pipeline version the run
 * started on and {@code inputTypes} the names of its input types then, both null for a run that
 * was submitted by pipeline name and has not started yet. {@code priority} is the run's, which
 * orders its model calls among those waiting for a rate limit. {@code pendingResume} is set when a
 * caller without the pipeline's classes answered the run, and this claim is the first since: the
 * claiming worker then decides which checkpoints the answer keeps.
 */
public record Claim(String id, String pipeline, String inputsJson, int attempt,
    boolean cancelRequested, int attemptsBeforeResume, @Nullable String version,
    @Nullable String inputTypes, int priority, @Nullable PendingResume pendingResume) {

  /** The claims since the run was submitted or last resumed, this one included. */
  public int attemptSinceResume() {
    return attempt - attemptsBeforeResume;
  }
}
