package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the runtime tells a {@link ModelClient} about the call it is making. */
public interface ModelCall {

  /** The pipeline whose step makes the call. */
  String pipelineName();

  /** The step that makes the call. */
  String stepName();

  /** The step's attempt, starting at 1. */
  int stepAttempt();

  /** This call's try within the attempt, starting at 1; above 1 after a retried failure. */
  int callAttempt();

  /**
   * When this try will be interrupted: the earliest of the call's own timeout ({@link
   * CallOptions}), the step's attempt timeout and the run's deadline, if any is set.
   */
  Optional<Instant> deadline();

  /** The time left until {@link #deadline()}, never negative, to give the client as its timeout. */
  Optional<Duration> remaining();

  /**
   * Streams a piece of the call's output, such as a few tokens, to whoever listens to the run (see
   * {@link RunOptions.Builder#onChunk}); does nothing when no one does. Blocks while a slow
   * listener catches up, which slows the call down instead of buffering without bound.
   *
   * @throws InterruptedException if the step is interrupted while the listener catches up
   */
  void emit(String chunk) throws InterruptedException;
}
