package dev.braid.runtime;

/** Whether a conversational step had everything it needed. */
public enum ConversationStatus {
  /** The step finished its work; dependents receive its data. */
  COMPLETE,
  /** The step needs more from the user; the run stops early and nothing new starts. */
  INCOMPLETE
}
