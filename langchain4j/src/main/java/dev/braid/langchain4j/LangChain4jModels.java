package dev.braid.langchain4j;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.StepContext;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;

/**
 * Makes LangChain4j chat models callable from Braid steps with {@link StepContext#call}, which
 * then prices every call from its token usage, counts it against the budgets, retries it when the
 * provider says that may help, and streams its tokens to the run's listener.
 *
 * <pre>{@code
 * ChatModel openAi = OpenAiChatModel.builder()
 *     .apiKey(key).modelName("gpt-4o-mini")
 *     .maxRetries(0)          // Braid retries, with the step's retries and backoff
 *     .build();
 * ModelClient<String, String> model = LangChain4jModels.text(LangChain4jModels.chat(openAi));
 *
 * @Step String summary(@Input String ticket, StepContext context) throws InterruptedException {
 *   return context.call(model, "Summarize: " + ticket).value();
 * }
 * }</pre>
 *
 * <p>Build the LangChain4j model with {@code maxRetries(0)}: a model that retries by itself hides
 * the failed tries from Braid's usage, sleeps through the step's timeout, and multiplies with the
 * step's own retries. LangChain4j's failures become {@link dev.braid.runtime.ModelException}s:
 * HTTP 408, 409, 429 and 5xx, timeouts and dropped connections are retryable; other 4xx, and a
 * response that cannot be parsed, are not. When the step is interrupted (its timeout, the run's
 * deadline, a cancel), the call throws {@link InterruptedException} and gives up its connection.
 *
 * <p>The clients are thread-safe if the LangChain4j model is, as LangChain4j's HTTP models are.
 */
public final class LangChain4jModels {
  private LangChain4jModels() {}

  /**
   * A client for {@code model}, priced as the model name in its default request parameters, such
   * as the {@code modelName} given to its builder.
   *
   * @throws IllegalArgumentException if the model has no default model name; name it with {@link
   *     #chat(ChatModel, String)}
   */
  public static ModelClient<ChatRequest, ChatResponse> chat(ChatModel model) {
    Objects.requireNonNull(model, "model");
    return new ChatModelClient(model, ModelName.fromDefaults(model.defaultRequestParameters(),
        model.getClass(), "chat"));
  }

  /**
   * A client for {@code model} whose calls are priced as {@code modelName}: for a model that has no
   * default model name, or one the price table knows under another name.
   */
  public static ModelClient<ChatRequest, ChatResponse> chat(ChatModel model, String modelName) {
    Objects.requireNonNull(model, "model");
    return new ChatModelClient(model, ModelName.explicit(model.defaultRequestParameters(), modelName));
  }

  /**
   * A client that streams {@code model}'s reply: each partial response goes to {@link
   * dev.braid.runtime.ModelCall#emit} as it arrives, and the call returns the complete response.
   * Priced as the model name in the model's default request parameters.
   *
   * <p>A call that stops early cancels the stream through the {@code StreamingHandle} LangChain4j
   * passes with each partial response. A stream stopped before its first one is cancelled when it
   * arrives, or ends at the model's own {@code timeout} if the provider has not answered yet.
   *
   * @throws IllegalArgumentException if the model has no default model name; name it with {@link
   *     #streaming(StreamingChatModel, String)}
   */
  public static ModelClient<ChatRequest, ChatResponse> streaming(StreamingChatModel model) {
    Objects.requireNonNull(model, "model");
    return new StreamingChatModelClient(model, ModelName.fromDefaults(
        model.defaultRequestParameters(), model.getClass(), "streaming"));
  }

  /** A streaming client for {@code model} whose calls are priced as {@code modelName}. */
  public static ModelClient<ChatRequest, ChatResponse> streaming(
      StreamingChatModel model, String modelName) {
    Objects.requireNonNull(model, "model");
    return new StreamingChatModelClient(
        model, ModelName.explicit(model.defaultRequestParameters(), modelName));
  }

  /**
   * A client that sends a prompt as a single user message and returns the reply's text, built on
   * {@code client} (from {@link #chat} or {@link #streaming}). A reply without text, such as one
   * that only requests tools, fails the call without a retry; use {@code client} itself to read
   * those.
   */
  public static ModelClient<String, String> text(ModelClient<ChatRequest, ChatResponse> client) {
    return new TextModelClient(Objects.requireNonNull(client, "client"));
  }
}
