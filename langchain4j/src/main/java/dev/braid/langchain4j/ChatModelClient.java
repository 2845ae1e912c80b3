package dev.braid.langchain4j;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * Calls a blocking {@link ChatModel} on the step's thread. The step's interrupt reaches the HTTP
 * client, and LangChain4j's default one, on the JDK's {@code HttpClient}, then gives up the request
 * and closes its connection; the call throws {@link InterruptedException}.
 */
final class ChatModelClient implements ModelClient<ChatRequest, ChatResponse> {
  private final ChatModel model;
  private final ModelName name;
  private final @Nullable String endpoint;

  ChatModelClient(ChatModel model, ModelName name) {
    this.model = model;
    this.name = name;
    this.endpoint = ModelEndpoint.of(model);
  }

  @Override
  public String model() {
    return name.priced();
  }

  @Override
  public ModelResponse<ChatResponse> call(ChatRequest request, ModelCall call) throws Exception {
    name.check(request, call);
    ChatResponse response;
    try {
      response = model.chat(request);
    } catch (RuntimeException | Error failure) {
      throw ModelFailures.translate(failure, name.priced(), endpoint, call);
    }
    return TokenCounts.of(response);
  }

  @Override
  public String toString() {
    return "LangChain4jModels.chat(" + model.getClass().getSimpleName() + ", " + name.priced() + ")";
  }
}
