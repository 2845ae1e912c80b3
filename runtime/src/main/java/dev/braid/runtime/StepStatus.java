package dev.braid.runtime;

/** How one step of a run ended. */
public enum StepStatus {
  /** The step returned, and its output went to its dependents. */
  SUCCEEDED,
  /** The step returned an incomplete {@link ConversationState} and stopped the run. */
  STOPPED_EARLY,
  /** The step threw; its last attempt's exception is the run's failure. */
  FAILED,
  /** The step was running when the run stopped, and was interrupted. */
  CANCELLED,
  /** The step never started: the run stopped first. */
  NOT_STARTED;

  /** Whether the step's code ran at all. */
  public boolean started() {
    return this != NOT_STARTED;
  }
}
