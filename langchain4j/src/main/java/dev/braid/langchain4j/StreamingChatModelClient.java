package dev.braid.langchain4j;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * Calls a {@link StreamingChatModel} and waits on the step's thread for its reply, emitting each
 * partial response through {@link ModelCall#emit} in order as it arrives (see {@link
 * StreamRelay}). A call that does not complete, because the step was interrupted, a listener threw
 * or the model failed, cancels the stream before it returns; one that completes ignores whatever
 * the model reports after the complete response.
 */
final class StreamingChatModelClient implements ModelClient<ChatRequest, ChatResponse> {
  private final StreamingChatModel model;
  private final ModelName name;
  private final @Nullable String endpoint;

  StreamingChatModelClient(StreamingChatModel model, ModelName name) {
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
    StreamRelay relay = new StreamRelay(Thread.currentThread(), call);
    try {
      try {
        model.chat(request, relay);
      } catch (RuntimeException | Error failure) {
        throw ModelFailures.translate(failure, name.priced(), endpoint, call);
      }
      while (true) {
        switch (relay.next()) {
          case StreamRelay.Chunk chunk -> call.emit(chunk.text());
          case StreamRelay.Done done -> { return TokenCounts.of(done.response()); }
          case StreamRelay.Failed failed ->
              throw ModelFailures.translate(failed.failure(), name.priced(), endpoint, call);
        }
      }
    } finally {
      relay.close();
    }
  }

  @Override
  public String toString() {
    return "LangChain4jModels.streaming(" + model.getClass().getSimpleName() + ", "
        + name.priced() + ")";
  }
}
