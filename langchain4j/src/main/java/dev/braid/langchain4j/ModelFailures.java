package dev.braid.langchain4j;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a LangChain4j call threw into what Braid retries or not. An interrupt always wins, so
 * that a step that timed out or a run that stopped is never mistaken for a flaky provider: the
 * LangChain4j HTTP clients wrap an interrupt in a plain {@code RuntimeException} and keep the
 * thread's interrupt status, which is checked first.
 */
final class ModelFailures {
  private ModelFailures() {}

  /**
   * The exception to throw for {@code failure}: a {@link ModelException} for a failure LangChain4j
   * or the HTTP layer classified, otherwise {@code failure} itself.
   *
   * @param endpoint the base URL the model calls, if known, named when the connection fails
   * @throws InterruptedException if the thread was interrupted or the failure came from an interrupt
   */
  static Exception translate(Throwable failure, String model, @Nullable String endpoint,
      ModelCall call)
      throws InterruptedException {
    if (Thread.interrupted() || find(failure, InterruptedException.class) != null
        || find(failure, ClosedByInterruptException.class) != null) {
      InterruptedException interrupted =
          new InterruptedException(FailureFormatter.interrupted(model, call));
      interrupted.initCause(failure);
      throw interrupted;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof ModelException classified) {
      return classified;
    }
    HttpException http = find(failure, HttpException.class);
    if (http != null) {
      int status = http.statusCode();
      return ModelException.ofStatus(status, FailureFormatter.failed(model, call,
          "HTTP " + status + ", " + statusReason(status), http.getMessage()), failure);
    }
    if (isParseFailure(failure)) {
      return new ModelException(FailureFormatter.failed(model, call, "the response could not be"
          + " parsed, so the call is not retried; check that the model's base URL points at the API"
          + " it expects", detail(failure)), false, 0, failure);
    }
    if (failure instanceof LangChain4jException || find(failure, IOException.class) != null) {
      Kind kind = kind(failure, endpoint);
      return new ModelException(FailureFormatter.failed(model, call, kind.reason(), detail(failure)),
          kind.retryable(), failure instanceof RateLimitException ? 429 : 0, failure);
    }
    return failure instanceof Exception unclassified
        ? unclassified
        : new ModelException(FailureFormatter.failed(model, call, "an unexpected failure",
            failure.toString()), false, 0, failure);
  }

  private static String statusReason(int status) {
    return switch (status) {
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

  /** What a failure without an HTTP status means, and whether trying again may help. */
  private record Kind(String reason, boolean retryable) {}

  private static Kind kind(Throwable failure, @Nullable String endpoint) {
    return switch (failure) {
      case RateLimitException e -> new Kind("rate limited", true);
      case TimeoutException e -> new Kind("timed out (the LangChain4j model's own timeout)", true);
      case InternalServerException e -> new Kind("the provider failed", true);
      case RetriableException e -> new Kind("a failure LangChain4j says is temporary", true);
      case AuthenticationException e -> new Kind("the API key was refused; check the key", false);
      case ModelNotFoundException e ->
          new Kind("the model was not found; check the model name and base URL", false);
      case ContentFilteredException e ->
          new Kind("the provider's content filter refused the request or the reply", false);
      case InvalidRequestException e ->
          new Kind("the request was rejected, so the call is not retried; fix the request", false);
      case UnresolvedModelServerException e ->
          new Kind(endpoint == null
              ? "the provider's host name is unknown; check the model's base URL"
              : "the host name of " + endpoint + " is unknown; check the model's base URL", false);
      case UnsupportedFeatureException e ->
          new Kind("the model does not support what the request asks for", false);
      case NonRetriableException e -> new Kind("a failure LangChain4j says is permanent", false);
      default -> find(failure, IOException.class) != null
          ? new Kind(connectionFailed(endpoint), true)
          : new Kind("a failure LangChain4j does not say is temporary", false);
    };
  }

  private static String connectionFailed(@Nullable String endpoint) {
    return endpoint == null
        ? "the connection to the model server failed; check that the server is running and"
            + " reachable, and the model's base URL"
        : "the connection to " + endpoint + " failed; check that the model server is running and"
            + " reachable there, and that this is the model's base URL";
  }

  /**
   * Whether the response arrived but was not JSON of the expected shape. LangChain4j's clients
   * wrap their JSON library's exception, whose type is checked by package so that any of them is
   * recognised without depending on it.
   */
  private static boolean isParseFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
        String name = type.getName();
        if (name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson.")
            || name.startsWith("com.google.gson.")) {
          return true;
        }
      }
    }
    return false;
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** What the deepest cause says: LangChain4j's own message, or the JDK's with its type. */
  private static String detail(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof LangChain4jException && root.getMessage() != null
        ? root.getMessage()
        : root.toString();
  }
}
