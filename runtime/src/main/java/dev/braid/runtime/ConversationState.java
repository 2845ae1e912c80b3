package dev.braid.runtime;

import dev.braid.runtime.codegen.JsonValues;
import java.util.Map;
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
 * <p>Besides the question for a person, an incomplete state can carry {@linkplain #details()
 * details} for a program: which fields are missing, which options to offer. They are a map of
 * JSON values rather than a typed object, because they travel where the step's classes do not: a
 * durable run stores them in its database and a worker started later reads them back, and an HTTP
 * API hands them to a client as they are.
 *
 * <pre>{@code
 * return ConversationState.incomplete(draft, "Ask the customer for their name and email.",
 *     Map.of("missing", List.of("name", "email")));
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
  private final Map<String, Object> details;

  private ConversationState(
      ConversationStatus status, T data, String context, Map<String, Object> details) {
    this.status = status;
    this.data = data;
    this.context = context;
    this.details = details;
  }

  /** A finished step whose dependents receive {@code data}. */
  public static <T extends @Nullable Object> ConversationState<T> complete(T data) {
    return new ConversationState<>(ConversationStatus.COMPLETE, data, "", Map.of());
  }

  /**
   * A step that cannot go on: the run stops early. {@code data} is what the step had so far;
   * {@code context} says what is missing, for the caller to ask the user.
   */
  public static <T extends @Nullable Object> ConversationState<T> incomplete(T data, String context) {
    return incomplete(data, context, Map.of());
  }

  /**
   * A step that cannot go on, with {@code details} for the program that asks the user, such as
   * {@code {"missing": ["name", "email"]}}. Their values are strings, booleans, numbers, and lists
   * and maps (with string keys) of them; the map is copied, in its iteration order.
   *
   * @throws IllegalArgumentException if a value is null or of another type, naming it
   */
  public static <T extends @Nullable Object> ConversationState<T> incomplete(
      T data, String context, Map<String, ?> details) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(details, "details");
    return new ConversationState<>(
        ConversationStatus.INCOMPLETE, data, context, JsonValues.copyOf(details));
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

  /**
   * What the step says about what is missing, for a program to act on: an immutable map of JSON
   * values, empty for a complete state or when the step gave none. A durable run reads numbers
   * back as JSON gives them: an {@code Integer}, {@code Long} or {@code BigInteger} for a whole
   * number, a {@code Double} otherwise.
   */
  public Map<String, Object> details() {
    return details;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ConversationState<?> that
        && status == that.status
        && Objects.equals(data, that.data)
        && context.equals(that.context)
        && details.equals(that.details);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, data, context, details);
  }

  @Override
  public String toString() {
    return isComplete()
        ? "ConversationState[COMPLETE, data=" + data + "]"
        : "ConversationState[INCOMPLETE, data=" + data + ", context=" + context
            + (details.isEmpty() ? "" : ", details=" + details) + "]";
  }
}
