package dev.braid.langchain4j;

import dev.braid.runtime.ModelCall;
import org.jspecify.annotations.Nullable;

/**
 * Renders the messages of failed calls. Each names the model, the step, the pipeline and which
 * try of which attempt failed, says what went wrong and what to do, then quotes the provider.
 */
final class FailureFormatter {
  /** Enough of a provider's error body to read its message, not a whole HTML page. */
  private static final int DETAIL_LIMIT = 500;

  private FailureFormatter() {}

  static String failed(String model, ModelCall call, String what, @Nullable String detail) {
    String message = "Model '" + model + "' failed for step '" + call.stepName() + "' of pipeline '"
        + call.pipelineName() + "' (attempt " + call.stepAttempt() + ", call " + call.callAttempt()
        + "): " + what;
    if (detail == null || detail.isBlank()) {
      return message;
    }
    String flat = detail.strip().replaceAll("\\s+", " ");
    return message + ": " + (flat.length() <= DETAIL_LIMIT
        ? flat
        : flat.substring(0, DETAIL_LIMIT) + "… (" + flat.length() + " characters)");
  }

  static String interrupted(String model, ModelCall call) {
    return "Step '" + call.stepName() + "' of pipeline '" + call.pipelineName()
        + "' was interrupted while calling model '" + model + "'";
  }
}
