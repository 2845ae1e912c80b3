package dev.braid.processor.model;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The step settings one annotation writes, as one layer of a step's settings: {@code @Pipeline}'s
 * defaults for every step, or a step's own {@code @Step} attributes. The runtime lays them over
 * each other, with the application's configuration between them, so what is not written stays
 * empty here rather than taking the other's value. Settings only a step has ({@code retryOn},
 * {@code abortOn}, {@code optional}, {@code interruptible}) and its budgets, which are never the
 * pipeline's (those bound the whole run), are read from the {@link StepModel} itself.
 *
 * @param timeoutMillis the time limit of one attempt; empty if not written
 * @param retries the retries after a failed attempt; empty if not written
 * @param retryDelayMillis the pause before a retry; empty if not written
 * @param maxRetryDelayMillis the cap on retry pauses; empty if not written
 */
public record StepSettings(
    OptionalLong timeoutMillis, OptionalInt retries, OptionalLong retryDelayMillis,
    OptionalLong maxRetryDelayMillis) {

  /**
   * The defaults {@code @Pipeline} writes for every step.
   *
   * @throws IllegalStateException if a written duration is malformed, which validation reports
   *     before anything is resolved
   */
  public static StepSettings ofPipeline(PipelineModel pipeline) {
    return new StepSettings(
        millis(pipeline.timeout().value()),
        pipeline.retries().written() == null && pipeline.retries().value() == 0
            ? OptionalInt.empty()
            : OptionalInt.of(pipeline.retries().value()),
        millis(pipeline.retryDelay().value()),
        millis(pipeline.maxRetryDelay().value()));
  }

  /**
   * The settings {@code step}'s own {@code @Step} writes.
   *
   * @throws IllegalStateException if a written duration is malformed
   */
  public static StepSettings ofStep(StepModel step) {
    return new StepSettings(
        millis(step.timeout().value()),
        step.retries().value() == -1 ? OptionalInt.empty() : OptionalInt.of(step.retries().value()),
        millis(step.retryDelay().value()),
        millis(step.maxRetryDelay().value()));
  }

  /** Whether no setting is written. */
  public boolean isEmpty() {
    return timeoutMillis.isEmpty() && retries.isEmpty() && retryDelayMillis.isEmpty()
        && maxRetryDelayMillis.isEmpty();
  }

  /** The run's time limit from {@code @Pipeline(deadline)}; empty for none. */
  public static OptionalLong deadlineMillis(PipelineModel pipeline) {
    return millis(pipeline.deadline().value());
  }

  /** The step's duration attribute where written, else the pipeline's default. */
  public static Attribute<String> inherited(
      Attribute<String> stepValue, Attribute<String> pipelineDefault) {
    return stepValue.value().isEmpty() ? pipelineDefault : stepValue;
  }

  private static OptionalLong millis(String duration) {
    return duration.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(DurationSyntax.requireMillis(duration));
  }
}
