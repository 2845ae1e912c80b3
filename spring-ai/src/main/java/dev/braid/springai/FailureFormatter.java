package dev.braid.springai;

import dev.braid.runtime.ModelCall;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders the messages of failed calls. Each names the model, the step, the pipeline and which
 * try of which attempt failed, says what went wrong and what to do, then quotes the provider.
 */
final class FailureFormatter {
  /** Enough of a provider's error body to read its message, not a whole HTML page. */
  private static final int DETAIL_LIMIT = 500;
  /** The status that the OpenAI SDK ("429: …") and Spring AI ("429 - …") put before a message. */
  private static final Pattern STATUS_PREFIX = Pattern.compile("^\\d{3}(:| -) ");

  private FailureFormatter() {}

  static String failed(String model, ModelCall call, String what, @Nullable String detail) {
    String message = "Model '" + model + "' failed for step '" + call.stepName() + "' of pipeline '"
        + call.pipelineName() + "' (attempt " + call.stepAttempt() + ", call " + call.callAttempt()
        + "): " + what;
    if (detail == null || detail.isBlank()) {
      return message;
    }
    String flat = STATUS_PREFIX.matcher(detail.strip()).replaceFirst("").replaceAll("\\s+", " ");
    return message + ": " + (flat.length() <= DETAIL_LIMIT
        ? flat
        : flat.substring(0, DETAIL_LIMIT) + "… (" + flat.length() + " characters)");
  }

  static String interrupted(String model, ModelCall call) {
    return "Step '" + call.stepName() + "' of pipeline '" + call.pipelineName()
        + "' was interrupted while calling model '" + model + "'";
  }

  /** What an HTTP status means for the call, and what to do about it. */
  static String status(int status) {
    return "HTTP " + status + ", " + switch (status) {
      case 401, 403 -> "the API key was refused; check the key and what it may access";
      case 404 -> "the model or the endpoint was not found; check the model name and base URL";
      case 408 -> "the provider timed out";
      case 409 -> "a conflict the provider says is temporary";
      case 429 -> "rate limited";
      default -> status >= 500
          ? "the provider failed"
          : "the request was rejected, so the call is not retried; fix the request";
    };
  }

  static String unparsable() {
    return "the response could not be parsed, so the call is not retried; check that the model's"
        + " base URL points at the API it expects";
  }
}
