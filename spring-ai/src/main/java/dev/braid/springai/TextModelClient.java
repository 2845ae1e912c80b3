package dev.braid.springai;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/** Sends a prompt as one user message through a chat client and returns the reply's text. */
final class TextModelClient implements ModelClient<String, String> {
  private final ModelClient<Prompt, ChatResponse> chat;

  TextModelClient(ModelClient<Prompt, ChatResponse> chat) {
    this.chat = chat;
  }

  @Override
  public String model() {
    return chat.model();
  }

  @Override
  public ModelResponse<String> call(String prompt, ModelCall call) throws Exception {
    ModelResponse<ChatResponse> response = chat.call(new Prompt(new UserMessage(prompt)), call);
    @Nullable Generation result = response.value().getResult();
    @Nullable String text = result == null ? null : result.getOutput().getText();
    if (text == null || text.isEmpty() && result.getOutput().hasToolCalls()) {
      // Asking again would cost as much and most likely get the same kind of reply.
      throw new ModelException("Model '" + model() + "' answered step '" + call.stepName()
          + "' of pipeline '" + call.pipelineName() + "' without text (finish reason "
          + (result == null ? "none: the reply had no result" : result.getMetadata().getFinishReason())
          + "); to read tool calls or other replies, call the chat client itself rather than"
          + " SpringAiModels.text", false, 0, null)
          .withTokens(response.inputTokens(), response.cachedInputTokens(), response.outputTokens());
    }
    return response.withValue(text);
  }

  @Override
  public String toString() {
    return "SpringAiModels.text(" + chat + ")";
  }
}
