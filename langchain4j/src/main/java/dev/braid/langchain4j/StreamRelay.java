package dev.braid.langchain4j;

import dev.braid.runtime.ModelCall;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Carries one streamed reply from LangChain4j's thread to the step's, so that {@link
 * ModelCall#emit} runs on the step's thread, where an interrupt reaches it. The handoff holds at
 * most {@value #CAPACITY} events: while the step waits for a slow listener, LangChain4j's reader
 * waits too, and the provider's stream stops being read rather than piling up in memory.
 *
 * <p>{@link #close} ends the relay for good: the stream is cancelled through the {@link
 * StreamingHandle} LangChain4j passes with each partial response, at once if one has arrived,
 * otherwise as soon as the next event does; a reader blocked on the full handoff is let go. A model
 * that calls the handler on the step's own thread, inside {@code chat}, has its chunks emitted
 * there directly, since nothing else would drain the handoff.
 *
 * <p>Thread-safe between one producer (LangChain4j's callbacks, in order) and the step's thread.
 */
final class StreamRelay implements StreamingChatResponseHandler {
  static final int CAPACITY = 16;

  /** What LangChain4j reported, in order. */
  sealed interface Event {}

  record Chunk(String text) implements Event {}

  record Done(ChatResponse response) implements Event {}

  record Failed(Throwable failure) implements Event {}

  private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread step;
  private final ModelCall call;
  private volatile @Nullable StreamingHandle handle;
  private volatile boolean closed;
  private volatile boolean completed;
  /** What emitting on the step's own thread threw; read by the step's thread only. */
  private @Nullable Exception inlineFailure;

  StreamRelay(Thread step, ModelCall call) {
    this.step = step;
    this.call = call;
  }

  @Override
  public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
    seen(context.streamingHandle());
    onPartialResponse(partial.text());
  }

  /** Thinking is not streamed, but its context lets a closed relay cancel the stream sooner. */
  @Override
  public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
    seen(context.streamingHandle());
  }

  @Override
  public void onPartialToolCall(PartialToolCall toolCall, PartialToolCallContext context) {
    seen(context.streamingHandle());
  }

  @Override
  public void onPartialResponse(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (Thread.currentThread() == step) {
      emitInline(text);
    } else {
      hand(new Chunk(text));
    }
  }

  @Override
  public void onCompleteResponse(ChatResponse response) {
    hand(new Done(response));
  }

  @Override
  public void onError(Throwable failure) {
    hand(new Failed(failure));
  }

  /**
   * The next event, in the order LangChain4j reported them.
   *
   * @throws Exception what emitting a chunk on the step's own thread threw, if it did
   * @throws InterruptedException if the step is interrupted while it waits
   */
  Event next() throws Exception {
    Exception failure = inlineFailure;
    if (failure != null) {
      inlineFailure = null;
      if (failure instanceof InterruptedException) {
        Thread.interrupted();
      }
      throw failure;
    }
    Event next = events.take();
    if (next instanceof Done) {
      completed = true;
    }
    return next;
  }

  /**
   * Stops listening and frees a blocked reader. Unless the reply completed, the stream is
   * cancelled, now or at its next event.
   */
  void close() {
    closed = true;
    events.clear();
    cancelStream();
  }

  private void hand(Event event) {
    if (closed) {
      cancelStream();
      return;
    }
    if (Thread.currentThread() == step) {
      // The reply completed inside chat(); chunks went out inline, so there is room.
      events.offer(event);
      return;
    }
    try {
      events.put(event);
    } catch (InterruptedException e) {
      // LangChain4j's own thread is being stopped, so the reply will not end: fail the call now
      // rather than leave the step waiting. Dropped chunks do not matter to a failed call.
      Thread.currentThread().interrupt();
      events.clear();
      events.offer(new Failed(new IOException("The thread reading the model's stream was"
          + " interrupted before the reply ended")));
      cancelStream();
    }
  }

  private void emitInline(String text) {
    if (closed) {
      cancelStream();
      return;
    }
    try {
      call.emit(text);
    } catch (InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        step.interrupt();
      }
      inlineFailure = e;
      close();
    }
  }

  private void seen(StreamingHandle current) {
    handle = current;
    if (closed) {
      cancelStream();
    }
  }

  private void cancelStream() {
    StreamingHandle current = handle;
    if (current != null && !completed && !current.isCancelled()) {
      current.cancel();
    }
  }
}
