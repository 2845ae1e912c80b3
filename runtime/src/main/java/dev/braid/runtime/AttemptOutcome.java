package dev.braid.runtime;

/** How one attempt of a step ended. */
public enum AttemptOutcome {
  /** The step's code returned; for a conversational step, a complete state. */
  SUCCEEDED,
  /** The step's code threw, on its own rather than because the run interrupted it. */
  FAILED,
  /** The attempt ran past the step's {@code timeout} and was interrupted (or abandoned). */
  TIMED_OUT,
  /** The run stopped while the attempt ran (a failure elsewhere, an early stop, a cancel or the deadline). */
  CANCELLED,
  /** The step returned an incomplete {@link ConversationState} and stopped the run. */
  STOPPED_EARLY
}
