package dev.braid.springai;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

/**
 * {@link SpringAiModels#streaming}, called directly: text in order with back-pressure, the complete
 * reply's usage, failures, and cancelling the stream when the step stops listening.
 */
@Timeout(30)
class StreamingChatModelClientTest {
  private static final Prompt HELLO = new Prompt("Hello");

  private final FakeOpenAi server = newServer();
  private final ModelClient<Prompt, ChatResponse> client =
      SpringAiModels.streaming(OpenAiModels.openAi(server));

  /** The short model timeout, and time to spare on a busy machine. */
  private static final Duration CLOSED_WITHIN = OpenAiModels.SHORT_TIMEOUT.plusSeconds(15);

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void emitsEachPartInOrderAndReturnsTheCompleteReplyWithItsTokens() throws Exception {
    server.enqueue(FakeOpenAi.stream(List.of("Hel", "lo", " wor", "ld"), 20, 8, 4));
    TestCall call = new TestCall();

    ModelResponse<ChatResponse> response = client.call(HELLO, call);

    assertThat(client.model()).isEqualTo("gpt-4o-mini");
    assertThat(call.emitted).containsExactly("Hel", "lo", " wor", "ld").inOrder();
    assertThat(response.value().getResult().getOutput().getText()).isEqualTo("Hello world");
    assertThat(response.value().getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
    assertThat(response.inputTokens()).isEqualTo(20);
    assertThat(response.cachedInputTokens()).isEqualTo(8);
    assertThat(response.outputTokens()).isEqualTo(4);
    assertThat(server.requests().getFirst()).containsMatch("\"stream\"\\s*:\\s*true");
  }

  @Test
  void rateLimitIsRetryable() {
    server.enqueue(FakeOpenAi.error(429, "rate_limit_exceeded", "Slow down"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.status()).hasValue(429);
    assertThat(failure).hasMessageThat().endsWith("(attempt 1, call 1): HTTP 429, rate limited: Slow down");
  }

  @Test
  void malformedEventIsNotRetryableAndSaysItCouldNotBeParsed() {
    server.enqueue(FakeOpenAi.events("{\"choices\": [ {\"delta\": ", "[DONE]"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure).hasMessageThat().contains("the response could not be parsed");
  }

  @Test
  void interruptReturnsAtOnceWithoutWaitingForTheModelsTimeout() throws Exception {
    server.enqueue(FakeOpenAi.streamThenHang(List.of("Hel")));
    TestCall call = new TestCall();
    CallThread<Prompt, ChatResponse> step = CallThread.start(client, HELLO, call);
    call.awaitEmitted(1);
    long interrupted = System.nanoTime();

    step.interrupt();

    Throwable failure = step.failure();
    assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(OpenAiModels.TIMEOUT);
    assertThat(failure).isInstanceOf(InterruptedException.class);
    assertThat(failure).hasMessageThat().isEqualTo(
        "Step 'draft' of pipeline 'Support' was interrupted while calling model 'gpt-4o-mini'");
    assertThat(call.emitted).containsExactly("Hel");
  }

  @Test
  void interruptedStreamGivesUpItsConnectionByTheModelsTimeout() throws Exception {
    server.enqueue(FakeOpenAi.streamThenHang(List.of("Hel")));
    TestCall call = new TestCall();
    CallThread<Prompt, ChatResponse> step = CallThread.start(shortTimeoutClient(), HELLO, call);
    call.awaitEmitted(1);

    step.interrupt();

    assertThat(step.failure()).isInstanceOf(InterruptedException.class);
    assertThat(server.awaitClientClosed(CLOSED_WITHIN)).isTrue();
  }

  @Test
  void interruptBeforeTheFirstTokenEndsTheCallAndItsConnection() throws Exception {
    server.enqueue(FakeOpenAi.hang());
    CallThread<Prompt, ChatResponse> step =
        CallThread.start(shortTimeoutClient(), HELLO, new TestCall());
    server.awaitRequests(1);

    step.interrupt();

    assertThat(step.failure()).isInstanceOf(InterruptedException.class);
    assertThat(server.awaitClientClosed(CLOSED_WITHIN)).isTrue();
  }

  @Test
  void listenerThatThrowsFailsTheCallAndItsConnection() throws Exception {
    server.enqueue(FakeOpenAi.streamThenHang(List.of("Hel")));
    IllegalStateException listenerFailure = new IllegalStateException("the listener is gone");
    TestCall call = new TestCall() {
      @Override
      public void emit(String chunk) {
        throw listenerFailure;
      }
    };

    RuntimeException failure =
        assertThrows(RuntimeException.class, () -> shortTimeoutClient().call(HELLO, call));

    assertThat(failure).isSameInstanceAs(listenerFailure);
    assertThat(server.awaitClientClosed(CLOSED_WITHIN)).isTrue();
  }

  @Test
  void slowListenerHoldsBackTheDemandInsteadOfBuffering() throws Exception {
    List<String> chunks = IntStream.range(0, 100).mapToObj(i -> "t" + i + " ").toList();
    AtomicLong requested = new AtomicLong();
    StreamingChatModel model = prompt -> Flux.fromIterable(parts(chunks))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnRequest(requested::addAndGet);
    CountDownLatch listenerEntered = new CountDownLatch(1);
    CountDownLatch listenerMayGoOn = new CountDownLatch(1);
    TestCall call = new TestCall() {
      @Override
      public void emit(String chunk) throws InterruptedException {
        listenerEntered.countDown();
        listenerMayGoOn.await();
        super.emit(chunk);
      }
    };
    CallThread<Prompt, ChatResponse> step =
        CallThread.start(SpringAiModels.streaming(model, "gpt-4o-mini"), HELLO, call);

    listenerEntered.await();
    long requestedWhileBlocked = requested.get();
    listenerMayGoOn.countDown();

    // The parts asked for ahead, and one in place of the part the listener is busy with.
    assertThat(requestedWhileBlocked).isEqualTo(StreamRelay.CAPACITY + 1);
    ModelResponse<ChatResponse> response = step.response();
    assertThat(response.value().getResult().getOutput().getText()).isEqualTo(String.join("", chunks));
    assertThat(call.emitted).containsExactlyElementsIn(chunks).inOrder();
  }

  @Test
  void modelThatIgnoresDemandFailsTheCallInsteadOfFillingMemory() {
    List<String> chunks = IntStream.range(0, 100).mapToObj(i -> "t" + i + " ").toList();
    StreamingChatModel flooding = prompt -> Flux.create(sink -> {
      parts(chunks).forEach(sink::next);
      sink.complete();
    }, FluxSink.OverflowStrategy.IGNORE);
    TestCall call = new TestCall();

    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> SpringAiModels.streaming(flooding, "gpt-4o-mini").call(HELLO, call));

    assertThat(failure).hasMessageThat().isEqualTo("The model's Flux published more parts than"
        + " were requested (16 ahead), breaking Reactive Streams back-pressure");
    assertThat(call.emitted).containsExactlyElementsIn(chunks.subList(0, StreamRelay.CAPACITY))
        .inOrder();
  }

  @Test
  void modelThatPublishesOnTheStepsThreadIsStreamedThere() throws Exception {
    List<String> chunks = IntStream.range(0, 100).mapToObj(i -> "t" + i + " ").toList();
    StreamingChatModel inline = prompt -> Flux.fromIterable(parts(chunks));
    TestCall call = new TestCall();

    ModelResponse<ChatResponse> response =
        SpringAiModels.streaming(inline, "gpt-4o-mini").call(HELLO, call);

    assertThat(call.emitted).containsExactlyElementsIn(chunks).inOrder();
    assertThat(response.inputTokens()).isEqualTo(5);
    assertThat(response.outputTokens()).isEqualTo(7);
  }

  @Test
  void usageReportedAcrossPartsIsMerged() throws Exception {
    StreamingChatModel model = prompt -> Flux.just(
        part("Hel", new DefaultUsage(30, 0, null, null, 12L, null)),
        part("lo", new DefaultUsage(0, 0)),
        part("", new DefaultUsage(0, 9)));

    ModelResponse<ChatResponse> response =
        SpringAiModels.streaming(model, "claude-haiku").call(HELLO, new TestCall());

    assertThat(response).isEqualTo(new ModelResponse<>(response.value(), 30, 12, 9));
    assertThat(response.value().getResult().getOutput().getText()).isEqualTo("Hello");
  }

  @Test
  void failureThrownByStreamItselfIsClassifiedToo() {
    StreamingChatModel failing = prompt -> {
      throw new NonTransientAiException("429 - quota exceeded");
    };

    ModelException failure = assertThrows(ModelException.class,
        () -> SpringAiModels.streaming(failing, "gpt-4o-mini").call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.status()).hasValue(429);
    assertThat(failure).hasMessageThat().isEqualTo("Model 'gpt-4o-mini' failed for step 'draft' of"
        + " pipeline 'Support' (attempt 1, call 1): HTTP 429, rate limited: quota exceeded");
  }

  @Test
  void streamingModelWithoutOptionsNeedsAName() {
    StreamingChatModel nameless = prompt -> Flux.empty();

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> SpringAiModels.streaming(nameless));

    assertThat(failure).hasMessageThat().endsWith(" has no default model, so Braid cannot tell what"
        + " its calls cost; set one in the model's options, such as .model(\"gpt-4o-mini\"), or"
        + " name it with SpringAiModels.streaming(model, \"gpt-4o-mini\")");
  }

  private ModelClient<Prompt, ChatResponse> shortTimeoutClient() {
    return SpringAiModels.streaming(OpenAiModels.openAi(server, OpenAiModels.SHORT_TIMEOUT));
  }

  /** One part for each chunk; the last also reports 5 input and 7 output tokens. */
  private static List<ChatResponse> parts(List<String> chunks) {
    return IntStream.range(0, chunks.size())
        .mapToObj(i -> part(chunks.get(i),
            i == chunks.size() - 1 ? new DefaultUsage(5, 7) : new DefaultUsage(0, 0)))
        .toList();
  }

  private static ChatResponse part(String text, Usage usage) {
    return new ChatResponse(List.of(new Generation(new AssistantMessage(text))),
        ChatResponseMetadata.builder().usage(usage).build());
  }

  private static FakeOpenAi newServer() {
    try {
      return new FakeOpenAi();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
