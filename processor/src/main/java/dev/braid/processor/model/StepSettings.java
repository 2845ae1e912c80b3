package dev.braid.processor.model;

import java.util.OptionalLong;

/**
 * A step's settings resolved at compile time: its own {@code @Step} attribute where written,
 * otherwise the pipeline's default.
 *
 * @param timeoutMillis the time limit of one attempt; empty for none
 * @param retries the retries after a failed attempt; {@code 0} for one attempt only
 * @param retryDelayMillis the pause before a retry
 */
public record StepSettings(OptionalLong timeoutMillis, int retries, long retryDelayMillis) {

  /**
   * Resolves the settings of {@code step}.
   *
   * @throws IllegalStateException if a duration that applies is malformed, which validation
   *     reports before anything is resolved
   */
  public static StepSettings resolve(PipelineModel pipeline, StepModel step) {
    String timeout = step.timeout().value().isEmpty()
        ? pipeline.timeout().value()
        : step.timeout().value();
    String retryDelay = step.retryDelay().value().isEmpty()
        ? pipeline.retryDelay().value()
        : step.retryDelay().value();
    int retries = step.retries().value() == -1
        ? pipeline.retries().value()
        : step.retries().value();
    return new StepSettings(
        timeout.isEmpty() ? OptionalLong.empty() : OptionalLong.of(millis(timeout)),
        retries,
        retryDelay.isEmpty() ? 0 : millis(retryDelay));
  }

  private static long millis(String duration) {
    OptionalLong millis = DurationSyntax.parseMillis(duration);
    if (millis.isEmpty()) {
      throw new IllegalStateException("Unvalidated duration: " + duration);
    }
    return millis.getAsLong();
  }
}
