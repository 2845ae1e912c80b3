package dev.braid.runtime;

/**
 * A model or agent that steps call through {@link StepContext#call}, which prices each call,
 * counts it against the budgets, retries it and streams its output. Implement it to plug in any
 * client; {@code braid-langchain4j} adapts LangChain4j's chat models.
 *
 * <pre>{@code
 * final class Summarizer implements ModelClient<String, String> {
 *   public String model() { return "gpt-4o-mini"; }
 *   public ModelResponse<String> call(String prompt, ModelCall call) throws Exception {
 *     Completion completion = http.complete(prompt, call.remaining().orElse(DEFAULT_TIMEOUT));
 *     return ModelResponse.of(completion.text(), completion.promptTokens(), completion.outputTokens());
 *   }
 * }
 * }</pre>
 *
 * <p>Report failures the provider classifies with {@link ModelException}, so that a rate limit is
 * retried and a bad request is not. Implementations must be thread-safe: parallel steps call one
 * client at once.
 *
 * @param <Q> the request a call sends
 * @param <R> the value a call returns
 */
public interface ModelClient<Q, R> {

  /** The model calls are billed as, looked up in the run's {@link PriceTable} before each call. */
  String model();

  /**
   * Makes one call. It runs on the step's thread, which is interrupted when the step's attempt
   * times out or the run stops; blocking I/O should honour that.
   *
   * @param call what the runtime offers the call: the time left, and a way to stream output
   * @throws ModelException for a failure the provider classified
   * @throws Exception for any other failure, retried as the step's {@code retryOn} and {@code
   *     abortOn} say
   */
  ModelResponse<R> call(Q request, ModelCall call) throws Exception;
}
