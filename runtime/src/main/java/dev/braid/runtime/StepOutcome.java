package dev.braid.runtime;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an optional or conditional step produced: its value, or why it has none — it failed, or its
 * {@code when} condition was false and it was skipped. Declare a parameter of this type to read a
 * step marked {@code @Step(optional = true)} or {@code @Step(when = ...)} and tell these apart;
 * declare {@code Optional<T>} when only the value matters.
 *
 * <pre>{@code
 * @Step(dependsOn = "enrich")
 * Reply draft(StepOutcome<Profile> enrich) {
 *   return enrich.isSuccess() ? personalised(enrich.value()) : generic(enrich.failure());
 * }
 * }</pre>
 *
 * <p>Instances are immutable.
 *
 * @param <T> the step's output type
 */
public final class StepOutcome<T extends @Nullable Object> {
  private final @Nullable T value;
  private final @Nullable Throwable failure;
  private final boolean success;
  private final @Nullable String skipped;

  private StepOutcome(@Nullable T value, @Nullable Throwable failure, boolean success,
      @Nullable String skipped) {
    this.value = value;
    this.failure = failure;
    this.success = success;
    this.skipped = skipped;
  }

  public static <T extends @Nullable Object> StepOutcome<T> success(T value) {
    return new StepOutcome<>(value, null, true, null);
  }

  /** The outcome of a step that failed, or did not run because of {@code failure}. */
  public static <T extends @Nullable Object> StepOutcome<T> failure(Throwable failure) {
    return new StepOutcome<>(null, Objects.requireNonNull(failure, "failure"), false, null);
  }

  /** The outcome of a step whose condition was false; {@code reason} says which. */
  public static <T extends @Nullable Object> StepOutcome<T> skipped(String reason) {
    return new StepOutcome<>(null, null, false, Objects.requireNonNull(reason, "reason"));
  }

  public boolean isSuccess() {
    return success;
  }

  /** Whether the step did not run because its {@code when} condition was false. */
  public boolean isSkipped() {
    return skipped != null;
  }

  /**
   * The step's output.
   *
   * @throws NoSuchElementException if the step failed, with the failure as the cause
   */
  public T value() {
    if (skipped != null) {
      throw new NoSuchElementException("The step was skipped and has no value: " + skipped);
    }
    if (!success) {
      throw new NoSuchElementException("The step failed and has no value: " + failure);
    }
    return value;
  }

  /**
   * Why the step has no value.
   *
   * @throws IllegalStateException if the step succeeded or was skipped
   */
  public Throwable failure() {
    if (failure == null) {
      throw new IllegalStateException(skipped != null
          ? "The step was skipped, not failed: " + skipped
          : "The step succeeded and has no failure");
    }
    return failure;
  }

  /** The value if the step succeeded and its value is not null; otherwise empty. */
  public Optional<T> toOptional() {
    return success ? Optional.ofNullable(value) : Optional.empty();
  }

  @Override
  public String toString() {
    return success ? "StepOutcome[success: " + value + "]"
        : skipped != null ? "StepOutcome[skipped: " + skipped + "]"
        : "StepOutcome[failure: " + failure + "]";
  }
}
