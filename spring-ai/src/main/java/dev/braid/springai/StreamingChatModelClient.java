package dev.braid.springai;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.scheduler.Schedulers;

/**
 * Subscribes to a {@link StreamingChatModel}'s reply and waits on the step's thread for it,
 * emitting each part's text through {@link ModelCall#emit} in order as it arrives (see {@link
 * StreamRelay}), and returns the complete reply (see {@link StreamedReply}). A call that does not
 * complete, because the step was interrupted, a listener threw or the model failed, cancels the
 * subscription before it returns.
 *
 * <p>The cancel runs on Reactor's bounded elastic scheduler, not on the step's thread, because a
 * model may block in it: Spring AI's OpenAI model closes its stream with the OpenAI SDK, whose close
 * waits for the SDK's reading thread to wake, at the provider's next bytes or at the model's own
 * timeout. The step returns at once either way.
 */
final class StreamingChatModelClient implements ModelClient<Prompt, ChatResponse> {
  private final StreamingChatModel model;
  private final ModelName name;

  StreamingChatModelClient(StreamingChatModel model, ModelName name) {
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
    StreamRelay relay = new StreamRelay();
    StreamedReply reply = new StreamedReply();
    try {
      try {
        model.stream(prompt).cancelOn(Schedulers.boundedElastic()).subscribe(relay);
      } catch (RuntimeException | Error failure) {
        throw ModelFailures.translate(failure, name.priced(), call);
      }
      while (true) {
        switch (next(relay, call)) {
          case StreamRelay.Part part -> {
            String text = reply.add(part.response());
            if (text != null) {
              call.emit(text);
            }
          }
          case StreamRelay.Done done -> {
            return TokenCounts.of(reply.complete());
          }
          case StreamRelay.Failed failed ->
              throw ModelFailures.translate(failed.failure(), name.priced(), call);
        }
      }
    } finally {
      relay.close();
    }
  }

  private StreamRelay.Event next(StreamRelay relay, ModelCall call) throws InterruptedException {
    try {
      return relay.next();
    } catch (InterruptedException e) {
      InterruptedException interrupted =
          new InterruptedException(FailureFormatter.interrupted(name.priced(), call));
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  @Override
  public String toString() {
    return "SpringAiModels.streaming(" + model.getClass().getSimpleName() + ", " + name.priced()
        + ")";
  }
}
