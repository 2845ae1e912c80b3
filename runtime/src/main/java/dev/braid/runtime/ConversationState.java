package dev.braid.runtime;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a conversational step returns: its data, and whether the conversation can go on. A step
 * declared to return {@code ConversationState<T>} hands {@code T} to its dependents when the state
 * is {@link ConversationStatus#COMPLETE complete}; an {@link ConversationStatus#INCOMPLETE
 * incomplete} state stops the run at once, cancels the steps still running, and becomes {@link
 * PipelineResult#conversationState()}.
 *
 * <pre>{@code
 * @Step(dependsOn = "draft")
 * ConversationState<Reply> check(Reply draft) {
 *   return draft.orderNumber() == null
 *       ? ConversationState.incomplete(draft, "Ask the customer for their order number.")
 *       : ConversationState.complete(draft);
 * }
 * }</pre>
 *
 * <p>Instances are immutable.
 *
 * @param <T> the step's data
 */
public final class ConversationState<T extends @Nullable Object> {
  private final ConversationStatus status;
  private final T data;
  private final String context;

  private ConversationState(ConversationStatus status, T data, String context) {
    this.status = status;
    this.data = data;
    this.context = context;
  }

  /** A finished step whose dependents receive {@code data}. */
  public static <T extends @Nullable Object> ConversationState<T> complete(T data) {
    return new ConversationState<>(ConversationStatus.COMPLETE, data, "");
  }

  /**
   * A step that cannot go on: the run stops early. {@code data} is what the step had so far;
   * {@code context} says what is missing, for the caller to ask the user.
   */
  public static <T extends @Nullable Object> ConversationState<T> incomplete(T data, String context) {
    Objects.requireNonNull(context, "context");
    return new ConversationState<>(ConversationStatus.INCOMPLETE, data, context);
  }

  public ConversationStatus status() {
    return status;
  }

  /** Whether this state lets the run go on. */
  public boolean isComplete() {
    return status == ConversationStatus.COMPLETE;
  }

  public T data() {
    return data;
  }

  /** What is missing, for an incomplete state; empty for a complete one. */
  public String context() {
    return context;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ConversationState<?> that
        && status == that.status
        && Objects.equals(data, that.data)
        && context.equals(that.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, data, context);
  }

  @Override
  public String toString() {
    return isComplete()
        ? "ConversationState[COMPLETE, data=" + data + "]"
        : "ConversationState[INCOMPLETE, data=" + data + ", context=" + context + "]";
  }
}
