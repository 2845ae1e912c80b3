package dev.braid.runtime;

/** How one step of a run ended. */
public enum StepStatus {
  /** The step returned, and its output went to its dependents. */
  SUCCEEDED,
  /** The step returned an incomplete {@link ConversationState} and stopped the run. */
  STOPPED_EARLY,
  /**
   * The step threw on its last attempt: the run's failure, or, for an optional step, a failure its
   * dependents were told about while the run went on.
   */
  FAILED,
  /** The step was running when the run stopped, and was interrupted. */
  CANCELLED,
  /** The step never started: the run stopped first. */
  NOT_STARTED,
  /**
   * The step's {@code @Step(when)} condition was false, so it did not run. Its dependents ran,
   * reading it as an empty {@code Optional} or a skipped {@link StepOutcome}.
   */
  SKIPPED,
  /**
   * A resumed run took the step's output from the earlier run instead of running it again, because
   * none of the inputs it reads had changed.
   */
  REUSED;

  /** Whether the step's code ran in this run. */
  public boolean started() {
    return this != NOT_STARTED && this != REUSED && this != SKIPPED;
  }

  /** Whether the step has an output in this run: it succeeded, or its earlier output was reused. */
  public boolean hasOutput() {
    return this == SUCCEEDED || this == REUSED;
  }
}
