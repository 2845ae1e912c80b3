package dev.braid.springai;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.StepContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Makes Spring AI chat models callable from Braid steps with {@link StepContext#call}, which then
 * prices every call from its token usage, counts it against the budgets, retries it when the
 * provider says that may help, and streams its tokens to the run's listener.
 *
 * <pre>{@code
 * ChatModel openAi = OpenAiChatModel.builder()
 *     .options(OpenAiChatOptions.builder()
 *         .apiKey(key).model("gpt-4o-mini")
 *         .maxRetries(0)      // Braid retries, with the step's retries and backoff
 *         .build())
 *     .build();
 * ModelClient<String, String> model = SpringAiModels.text(SpringAiModels.chat(openAi));
 *
 * @Step String summary(@Input String ticket, StepContext context) throws InterruptedException {
 *   return context.call(model, "Summarize: " + ticket).value();
 * }
 * }</pre>
 *
 * <p>Turn the Spring AI model's own retries off ({@code maxRetries(0)} for OpenAI): a model that
 * retries by itself hides the failed tries from Braid's usage, sleeps through the step's timeout,
 * and multiplies with the step's own retries. Failures become {@link
 * dev.braid.runtime.ModelException}s: HTTP 408, 409, 429 and 5xx, timeouts and dropped connections
 * are retryable; other 4xx, and a response that cannot be parsed, are not. When the step is
 * interrupted (its timeout, the run's deadline, a cancel), the call throws {@link
 * InterruptedException} and gives up its connection.
 *
 * <p>The clients are thread-safe if the Spring AI model is, as Spring AI's HTTP models are.
 */
public final class SpringAiModels {
  private SpringAiModels() {}

  /**
   * A client for {@code model}, priced as the model in its default options, such as the {@code
   * model} given to its options' builder.
   *
   * @throws IllegalArgumentException if the model's options name no model; name it with {@link
   *     #chat(ChatModel, String)}
   */
  public static ModelClient<Prompt, ChatResponse> chat(ChatModel model) {
    Objects.requireNonNull(model, "model");
    return new ChatModelClient(model,
        ModelName.fromOptions(model.getOptions(), model.getClass(), "chat"));
  }

  /**
   * A client for {@code model} whose calls are priced as {@code modelName}: for a model whose
   * options name none, or one the price table knows under another name.
   */
  public static ModelClient<Prompt, ChatResponse> chat(ChatModel model, String modelName) {
    Objects.requireNonNull(model, "model");
    return new ChatModelClient(model, ModelName.explicit(model.getOptions(), modelName));
  }

  /**
   * A client that streams {@code model}'s reply: the text of each part goes to {@link
   * dev.braid.runtime.ModelCall#emit} as it arrives, and the call returns the complete reply.
   * Priced as the model in the default options of a model that is also a {@link ChatModel}, as
   * Spring AI's are.
   *
   * @throws IllegalArgumentException if the model has no default options naming a model; name it
   *     with {@link #streaming(StreamingChatModel, String)}
   */
  public static ModelClient<Prompt, ChatResponse> streaming(StreamingChatModel model) {
    Objects.requireNonNull(model, "model");
    return new StreamingChatModelClient(model,
        ModelName.fromOptions(defaults(model), model.getClass(), "streaming"));
  }

  /** A streaming client for {@code model} whose calls are priced as {@code modelName}. */
  public static ModelClient<Prompt, ChatResponse> streaming(
      StreamingChatModel model, String modelName) {
    Objects.requireNonNull(model, "model");
    return new StreamingChatModelClient(model, ModelName.explicit(defaults(model), modelName));
  }

  /**
   * A client that sends a prompt as a single user message and returns the reply's text, built on
   * {@code client} (from {@link #chat} or {@link #streaming}). A reply without text, such as one
   * that only calls tools, fails the call without a retry; use {@code client} itself to read those.
   */
  public static ModelClient<String, String> text(ModelClient<Prompt, ChatResponse> client) {
    return new TextModelClient(Objects.requireNonNull(client, "client"));
  }

  private static @Nullable ChatOptions defaults(StreamingChatModel model) {
    return model instanceof ChatModel chat ? chat.getOptions() : null;
  }
}
