package dev.braid.runtime.codegen;

import dev.braid.runtime.StepOutcome;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outputs of the steps that finished so far in one run, read by a {@link StepDispatcher} (or a
 * {@link StepBody}) for the dependencies a step consumes. For a conversational step the output is
 * the {@code ConversationState}'s data. A dependency has always finished before its reader starts,
 * so reads need no synchronisation; an instance is shared by every step of one run.
 */
public interface StepOutputs {

  /**
   * The output of the step at {@code stepIndex} in the plan. The processor has checked at compile
   * time that the step's output type is {@code T}, so generated code calls this with an explicit
   * type argument and never casts.
   *
   * @throws IllegalStateException if that step has not finished, which the plan rules out for a
   *     dependency, or is an optional step that failed, which the processor rules out by making
   *     readers of optional steps use {@link #optional} or {@link #outcome}
   */
  <T extends @Nullable Object> T get(int stepIndex);

  /**
   * The output of the step at {@code stepIndex}, or empty if that optional step failed or its
   * output is null.
   */
  <T> Optional<T> optional(int stepIndex);

  /** The outcome of the step at {@code stepIndex}: its output, or why it has none. */
  <T extends @Nullable Object> StepOutcome<T> outcome(int stepIndex);
}
