package dev.braid.springai;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a Spring AI call threw into what Braid retries or not. An interrupt always wins, so
 * that a step that timed out or a run that stopped is never mistaken for a flaky provider: HTTP
 * clients report an interrupt as an I/O failure and keep the thread's interrupt status, which is
 * checked first.
 *
 * <p>Spring AI has no failure type of its own that carries an HTTP status. Its models built on the
 * OpenAI Java SDK throw the SDK's exceptions, read by {@link OpenAiFailures}; those built on
 * Spring's {@code RestClient} throw {@code TransientAiException} or {@code NonTransientAiException},
 * whose message starts with the status ({@code "429 - …"}), or let Spring's own {@code
 * RestClientResponseException} or {@code WebClientResponseException} through. All are recognised by
 * name first, so that none of their libraries need be on the class path.
 */
final class ModelFailures {
  private static final String OPEN_AI_PACKAGE = "com.openai.errors.";
  private static final String TRANSIENT = "org.springframework.ai.retry.TransientAiException";
  private static final String NON_TRANSIENT = "org.springframework.ai.retry.NonTransientAiException";
  private static final Pattern LEADING_STATUS = Pattern.compile("^(\\d{3}) - ");

  private ModelFailures() {}

  /**
   * The exception to throw for {@code failure}: a {@link ModelException} for a failure Spring AI,
   * its provider's client or the HTTP layer classified, otherwise {@code failure} itself.
   *
   * @throws InterruptedException if the thread was interrupted or the failure came from an interrupt
   */
  static Exception translate(Throwable failure, String model, ModelCall call)
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
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String type = t.getClass().getName();
      if (type.startsWith(OPEN_AI_PACKAGE)) {
        return OpenAiFailures.translate(t, failure, model, call);
      }
      if (type.equals(TRANSIENT) || type.equals(NON_TRANSIENT)) {
        return springAi(t, type.equals(TRANSIENT), failure, model, call);
      }
      int status = isA(t, RestClientStatus.TYPE) ? RestClientStatus.of(t)
          : isA(t, WebClientStatus.TYPE) ? WebClientStatus.of(t)
          : 0;
      if (status != 0) {
        return ModelException.ofStatus(status, FailureFormatter.failed(model, call,
            FailureFormatter.status(status), t.getMessage()), failure);
      }
    }
    if (isParseFailure(failure)) {
      return new ModelException(FailureFormatter.failed(model, call, FailureFormatter.unparsable(),
          detail(failure)), false, 0, failure);
    }
    IOException io = find(failure, IOException.class);
    if (io != null) {
      return ioFailure(io, failure, model, call);
    }
    return failure instanceof Exception unclassified
        ? unclassified
        : new ModelException(FailureFormatter.failed(model, call, "an unexpected failure",
            failure.toString()), false, 0, failure);
  }

  /** A connection that failed or a read that timed out: both worth another try. */
  static ModelException ioFailure(IOException io, Throwable failure, String model, ModelCall call) {
    boolean timedOut = io instanceof SocketTimeoutException
        || io instanceof InterruptedIOException && "timeout".equals(io.getMessage());
    return new ModelException(FailureFormatter.failed(model, call, timedOut
        ? "timed out (the HTTP client's own timeout)"
        : "the connection failed", io.toString()), true, 0, failure);
  }

  /**
   * Spring AI's own classification. Its {@code RestClient} error handler calls every 4xx
   * non-transient, a 429 included, so the status in the message decides when there is one.
   */
  private static ModelException springAi(Throwable springAi, boolean transientFailure,
      Throwable failure, String model, ModelCall call) {
    String message = springAi.getMessage() == null ? "" : springAi.getMessage();
    Matcher status = LEADING_STATUS.matcher(message);
    if (status.find()) {
      int code = Integer.parseInt(status.group(1));
      return new ModelException(FailureFormatter.failed(model, call, FailureFormatter.status(code),
          message), transientFailure || ModelException.isRetryable(code), code, failure);
    }
    return new ModelException(FailureFormatter.failed(model, call, transientFailure
        ? "a failure Spring AI says is temporary"
        : "a failure Spring AI says is permanent", message), transientFailure, 0, failure);
  }

  /** Whether {@code failure}'s class is or extends the class named {@code type}. */
  private static boolean isA(Throwable failure, String type) {
    for (Class<?> c = failure.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the response arrived but was not JSON of the expected shape. The JSON library's
   * exception is checked by package, so that any of them is recognised without depending on it.
   */
  static boolean isParseFailure(Throwable failure) {
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

  static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** What the deepest cause says, with its type. */
  static String detail(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }
}
