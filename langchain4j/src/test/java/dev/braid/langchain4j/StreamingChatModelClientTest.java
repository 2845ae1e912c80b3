package dev.braid.langchain4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import dev.braid.testing.model.CallThread;
import dev.braid.testing.model.TestCall;
import dev.braid.testing.openai.FakeOpenAi;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LangChain4jModels#streaming}, called directly: chunks in order with back-pressure, the
 * complete reply's usage, failures, and cancelling the stream when the step stops listening.
 */
@Timeout(30)
class StreamingChatModelClientTest {
  private static final ChatRequest HELLO =
      ChatRequest.builder().messages(UserMessage.from("Hello")).build();

  private final FakeOpenAi server = FakeOpenAi.start();
  private final ModelClient<ChatRequest, ChatResponse> client =
      LangChain4jModels.streaming(OpenAiModels.streaming(server));

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void emitsEachPartialResponseInOrderAndReturnsTheCompleteReplyWithItsTokens() throws Exception {
    server.enqueue(FakeOpenAi.stream(List.of("Hel", "lo", " wor", "ld"), 20, 4));
    TestCall call = new TestCall();

    ModelResponse<ChatResponse> response = client.call(HELLO, call);

    assertThat(call.emitted).containsExactly("Hel", "lo", " wor", "ld").inOrder();
    assertThat(response.value().aiMessage().text()).isEqualTo("Hello world");
    assertThat(response.inputTokens()).isEqualTo(20);
    assertThat(response.outputTokens()).isEqualTo(4);
    assertThat(server.requests().getFirst()).containsMatch("\"stream\"\\s*:\\s*true");
  }

  @Test
  void rateLimitIsRetryable() {
    server.enqueue(FakeOpenAi.error(429, "rate_limit_exceeded", "Slow down"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.status()).hasValue(429);
    assertThat(failure).hasMessageThat().contains("(attempt 1, call 1): HTTP 429, rate limited: ");
  }

  @Test
  void malformedEventIsNotRetryableAndSaysItCouldNotBeParsed() {
    server.enqueue(FakeOpenAi.events("{\"choices\": [ {\"delta\": ", "[DONE]"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure).hasMessageThat().contains("the response could not be parsed");
  }

  @Test
  void interruptCancelsTheStreamAndClosesTheConnection() throws Exception {
    server.enqueue(FakeOpenAi.streamThenHang(List.of("Hel")));
    TestCall call = new TestCall();
    CallThread<ChatRequest, ChatResponse> step = CallThread.start(client, HELLO, call);
    call.awaitEmitted(1);

    step.interrupt();

    assertThat(step.failure()).isInstanceOf(InterruptedException.class);
    assertThat(server.awaitClientClosed(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void interruptBeforeTheFirstTokenReturnsPromptly() throws Exception {
    server.enqueue(FakeOpenAi.hang());
    CallThread<ChatRequest, ChatResponse> step = CallThread.start(client, HELLO, new TestCall());
    server.awaitRequests(1);

    step.interrupt();

    assertThat(step.failure()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void listenerThatThrowsFailsTheCallAndClosesTheConnection() throws Exception {
    server.enqueue(FakeOpenAi.streamThenHang(List.of("Hel")));
    IllegalStateException listenerFailure = new IllegalStateException("the listener is gone");
    TestCall call = new TestCall() {
      @Override
      public void emit(String chunk) {
        throw listenerFailure;
      }
    };

    RuntimeException failure = assertThrows(RuntimeException.class, () -> client.call(HELLO, call));

    assertThat(failure).isSameInstanceAs(listenerFailure);
    assertThat(server.awaitClientClosed(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void slowListenerHoldsBackTheModelsThreadInsteadOfBuffering() throws Exception {
    List<String> chunks = IntStream.range(0, 100).mapToObj(i -> "t" + i + " ").toList();
    BackgroundModel model = new BackgroundModel(chunks);
    CountDownLatch listenerMayGoOn = new CountDownLatch(1);
    TestCall call = new TestCall() {
      @Override
      public void emit(String chunk) throws InterruptedException {
        listenerMayGoOn.await();
        super.emit(chunk);
      }
    };
    CallThread<ChatRequest, ChatResponse> step =
        CallThread.start(LangChain4jModels.streaming(model, "gpt-4o-mini"), HELLO, call);

    model.awaitBlocked();
    int handedOver = model.delivered.get();
    listenerMayGoOn.countDown();

    assertThat(handedOver).isAtMost(StreamRelay.CAPACITY + 2);
    assertThat(step.response().value().aiMessage().text()).isEqualTo(String.join("", chunks));
    assertThat(call.emitted).containsExactlyElementsIn(chunks).inOrder();
  }

  @Test
  void modelThatCallsBackOnTheStepsThreadIsStreamedThere() throws Exception {
    List<String> chunks = IntStream.range(0, 100).mapToObj(i -> "t" + i + " ").toList();
    StreamingChatModel inline = new StreamingChatModel() {
      @Override
      public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        chunks.forEach(handler::onPartialResponse);
        handler.onCompleteResponse(reply(chunks));
      }
    };
    TestCall call = new TestCall();

    ModelResponse<ChatResponse> response =
        LangChain4jModels.streaming(inline, "gpt-4o-mini").call(HELLO, call);

    assertThat(call.emitted).containsExactlyElementsIn(chunks).inOrder();
    assertThat(response.inputTokens()).isEqualTo(5);
    assertThat(response.outputTokens()).isEqualTo(7);
  }

  @Test
  void failureThrownByChatItselfIsClassifiedToo() {
    StreamingChatModel failing = new StreamingChatModel() {
      @Override
      public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        throw new RateLimitException("quota exceeded");
      }
    };

    ModelException failure = assertThrows(ModelException.class,
        () -> LangChain4jModels.streaming(failing, "gpt-4o-mini").call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.status()).hasValue(429);
    assertThat(failure).hasMessageThat().isEqualTo("Model 'gpt-4o-mini' failed for step 'draft' of"
        + " pipeline 'Support' (attempt 1, call 1): rate limited: quota exceeded");
  }

  /** Streams its chunks from a thread of its own, counting those the handler accepted. */
  private static final class BackgroundModel implements StreamingChatModel {
    final AtomicInteger delivered = new AtomicInteger();
    private final List<String> chunks;
    private volatile Thread producer;
    private final CountDownLatch started = new CountDownLatch(1);

    BackgroundModel(List<String> chunks) {
      this.chunks = chunks;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      producer = Thread.ofVirtual().start(() -> {
        for (String chunk : chunks) {
          handler.onPartialResponse(chunk);
          delivered.incrementAndGet();
        }
        handler.onCompleteResponse(reply(chunks));
      });
      started.countDown();
    }

    /** Waits until the producer is parked on the full handoff. */
    void awaitBlocked() throws InterruptedException {
      started.await();
      while (producer.getState() != Thread.State.WAITING
          || delivered.get() < StreamRelay.CAPACITY) {
        Thread.sleep(5);
      }
    }
  }

  private static ChatResponse reply(List<String> chunks) {
    return ChatResponse.builder()
        .aiMessage(AiMessage.from(String.join("", chunks)))
        .tokenUsage(new TokenUsage(5, 7))
        .build();
  }
}
