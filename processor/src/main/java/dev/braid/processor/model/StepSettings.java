package dev.braid.processor.model;

import java.util.OptionalLong;

/**
 * A step's settings resolved at compile time: its own {@code @Step} attribute where written,
 * otherwise the pipeline's default. Settings only a step has ({@code retryOn}, {@code abortOn},
 * {@code optional}, {@code interruptible}) and its budgets, which are never the pipeline's (those
 * bound the whole run), are read from the {@link StepModel} itself.
 *
 * @param timeoutMillis the time limit of one attempt; empty for none
 * @param retries the retries after a failed attempt; {@code 0} for one attempt only
 * @param retryDelayMillis the pause before a retry
 * @param maxRetryDelayMillis the cap on retry pauses; empty when neither the step nor the pipeline
 *     sets one, which leaves the runtime's default
 */
public record StepSettings(
    OptionalLong timeoutMillis, int retries, long retryDelayMillis,
    OptionalLong maxRetryDelayMillis) {

  /**
   * Resolves the settings of {@code step}.
   *
   * @throws IllegalStateException if a duration that applies is malformed, which validation
   *     reports before anything is resolved
   */
  public static StepSettings resolve(PipelineModel pipeline, StepModel step) {
    int retries = step.retries().value() == -1
        ? pipeline.retries().value()
        : step.retries().value();
    String retryDelay = inherited(step.retryDelay(), pipeline.retryDelay()).value();
    return new StepSettings(
        millis(inherited(step.timeout(), pipeline.timeout()).value()),
        retries,
        retryDelay.isEmpty() ? 0 : DurationSyntax.requireMillis(retryDelay),
        millis(inherited(step.maxRetryDelay(), pipeline.maxRetryDelay()).value()));
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
