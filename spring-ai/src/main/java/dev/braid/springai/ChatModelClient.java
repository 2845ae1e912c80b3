package dev.braid.springai;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Calls a blocking {@link ChatModel} on the step's thread. On a virtual thread, as Braid's steps
 * run, the step's interrupt closes the socket the HTTP client is blocked on, so the request is
 * given up and its connection closed; the call throws {@link InterruptedException}.
 */
final class ChatModelClient implements ModelClient<Prompt, ChatResponse> {
  private final ChatModel model;
  private final ModelName name;

  ChatModelClient(ChatModel model, ModelName name) {
    this.model = model;
    this.name = name;
  }

  @Override
  public String model() {
    return name.priced();
  }

  @Override
  public ModelResponse<ChatResponse> call(Prompt prompt, ModelCall call) throws Exception {
    name.check(prompt, call);
    ChatResponse response;
    try {
      response = model.call(prompt);
    } catch (RuntimeException | Error failure) {
      throw ModelFailures.translate(failure, name.priced(), call);
    }
    return TokenCounts.of(response);
  }

  @Override
  public String toString() {
    return "SpringAiModels.chat(" + model.getClass().getSimpleName() + ", " + name.priced() + ")";
  }
}
