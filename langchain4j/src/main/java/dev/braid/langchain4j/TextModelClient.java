package dev.braid.langchain4j;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/** Sends a prompt as one user message through a chat client and returns the reply's text. */
final class TextModelClient implements ModelClient<String, String> {
  private final ModelClient<ChatRequest, ChatResponse> chat;

  TextModelClient(ModelClient<ChatRequest, ChatResponse> chat) {
    this.chat = chat;
  }

  @Override
  public String model() {
    return chat.model();
  }

  @Override
  public ModelResponse<String> call(String prompt, ModelCall call) throws Exception {
    ModelResponse<ChatResponse> response =
        chat.call(ChatRequest.builder().messages(UserMessage.from(prompt)).build(), call);
    String text = response.value().aiMessage() == null ? null : response.value().aiMessage().text();
    if (text == null) {
      // Asking again would cost as much and most likely get the same kind of reply.
      throw new ModelException("Model '" + model() + "' answered step '" + call.stepName()
          + "' of pipeline '" + call.pipelineName() + "' without text (finish reason "
          + response.value().finishReason() + "); to read tool requests or other replies, call"
          + " the chat client itself rather than LangChain4jModels.text", false, 0, null)
          .withTokens(response.inputTokens(), response.cachedInputTokens(), response.outputTokens());
    }
    return response.withValue(text);
  }

  @Override
  public String toString() {
    return "LangChain4jModels.text(" + chat + ")";
  }
}
