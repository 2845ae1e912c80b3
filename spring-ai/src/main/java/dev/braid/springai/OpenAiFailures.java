package dev.braid.springai;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelException;
import java.io.IOException;

/**
 * Classifies the OpenAI Java SDK's failures, which Spring AI's OpenAI models throw. A class of its
 * own, loaded only for a failure of the SDK's, so that applications without it never resolve its
 * types.
 */
final class OpenAiFailures {
  private OpenAiFailures() {}

  /**
   * @param sdk the SDK's exception, {@code failure} or one of its causes
   * @param failure what the call threw
   */
  static ModelException translate(Throwable sdk, Throwable failure, String model, ModelCall call) {
    return switch (sdk) {
      // An error event in a stream that began with 200 OK has no failing status of its own.
      case OpenAIServiceException service when service.statusCode() < 400 -> new ModelException(
          FailureFormatter.failed(model, call, "the provider reported an error in its reply",
              service.getMessage()), false, 0, failure);
      case OpenAIServiceException service -> ModelException.ofStatus(service.statusCode(),
          FailureFormatter.failed(model, call, FailureFormatter.status(service.statusCode()),
              service.getMessage()), failure);
      case OpenAIInvalidDataException invalid -> new ModelException(FailureFormatter.failed(model,
          call, FailureFormatter.unparsable(), ModelFailures.detail(invalid)), false, 0, failure);
      case OpenAIIoException io -> {
        IOException cause = ModelFailures.find(io, IOException.class);
        yield cause != null
            ? ModelFailures.ioFailure(cause, failure, model, call)
            : new ModelException(FailureFormatter.failed(model, call, "the connection failed",
                io.getMessage()), true, 0, failure);
      }
      case OpenAIRetryableException retryable -> new ModelException(FailureFormatter.failed(model,
          call, "a failure the OpenAI client says is temporary", retryable.getMessage()), true, 0,
          failure);
      default -> ModelFailures.isParseFailure(sdk)
          ? new ModelException(FailureFormatter.failed(model, call, FailureFormatter.unparsable(),
              ModelFailures.detail(sdk)), false, 0, failure)
          : new ModelException(FailureFormatter.failed(model, call,
              "a failure the OpenAI client does not say is temporary", sdk.getMessage()), false, 0,
              failure);
    };
  }
}
