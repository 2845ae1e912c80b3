package dev.braid.springai;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;

/**
 * {@link SpringAiModels#chat}, called directly over Spring AI's real OpenAI client: usage, the
 * classification of each failure, and interrupts.
 */
@Timeout(30)
class ChatModelClientTest {
  private static final Prompt HELLO = new Prompt("Hello");

  private final FakeOpenAi server = newServer();
  private final ModelClient<Prompt, ChatResponse> client =
      SpringAiModels.chat(OpenAiModels.openAi(server));

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void returnsTheReplyWithItsTokensAndIsPricedAsTheModelsName() throws Exception {
    server.enqueue(FakeOpenAi.completion("Hi there", 1_000, 200, 500));

    ModelResponse<ChatResponse> response = client.call(HELLO, new TestCall());

    assertThat(client.model()).isEqualTo("gpt-4o-mini");
    assertThat(response.value().getResult().getOutput().getText()).isEqualTo("Hi there");
    assertThat(response.inputTokens()).isEqualTo(1_000);
    assertThat(response.cachedInputTokens()).isEqualTo(200);
    assertThat(response.outputTokens()).isEqualTo(500);
    assertThat(server.requests().getFirst()).containsMatch("\"model\"\\s*:\\s*\"gpt-4o-mini\"");
  }

  @Test
  void textClientSendsAPromptAndReturnsTheReplysText() throws Exception {
    server.enqueue(FakeOpenAi.completion("Hi there", 12, 0, 3));

    ModelResponse<String> response = SpringAiModels.text(client).call("Hello", new TestCall());

    assertThat(response).isEqualTo(new ModelResponse<>("Hi there", 12, 0, 3));
    assertThat(server.requests().getFirst()).containsMatch("\"content\"\\s*:\\s*\"Hello\"");
  }

  @Test
  void rateLimitIsRetryable() {
    server.enqueue(FakeOpenAi.error(429, "rate_limit_exceeded", "Slow down"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.status()).hasValue(429);
    assertThat(failure).hasMessageThat().isEqualTo("Model 'gpt-4o-mini' failed for step 'draft' of"
        + " pipeline 'Support' (attempt 1, call 1): HTTP 429, rate limited: Slow down");
  }

  @Test
  void serverErrorIsRetryable() {
    server.enqueue(FakeOpenAi.error(503, "overloaded", "Try later"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.status()).hasValue(503);
    assertThat(failure).hasMessageThat().endsWith("HTTP 503, the provider failed: Try later");
  }

  @Test
  void badRequestIsNotRetryable() {
    server.enqueue(FakeOpenAi.error(400, "invalid_request_error", "max_tokens is too large"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.status()).hasValue(400);
    assertThat(failure).hasMessageThat().endsWith("HTTP 400, the request was rejected, so the call"
        + " is not retried; fix the request: max_tokens is too large");
  }

  @Test
  void refusedKeyIsNotRetryable() {
    server.enqueue(FakeOpenAi.error(401, "invalid_api_key", "Incorrect API key"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure).hasMessageThat().contains("HTTP 401, the API key was refused");
  }

  @Test
  void malformedResponseIsNotRetryableAndSaysItCouldNotBeParsed() {
    server.enqueue(FakeOpenAi.json(200, "<html>Bad gateway</html>"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.status()).isEmpty();
    assertThat(failure).hasMessageThat().startsWith("Model 'gpt-4o-mini' failed for step 'draft' of"
        + " pipeline 'Support' (attempt 1, call 1): the response could not be parsed, so the call is"
        + " not retried; check that the model's base URL points at the API it expects: ");
  }

  @Test
  void refusedConnectionIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ChatModel unreachable = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
        .baseUrl("http://127.0.0.1:" + closedPort + "/v1").apiKey("test-key").model("gpt-4o-mini")
        .maxRetries(0).build()).build();

    ModelException failure = assertThrows(ModelException.class,
        () -> SpringAiModels.chat(unreachable).call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure).hasMessageThat().contains("(attempt 1, call 1): the connection failed: ");
  }

  @Test
  void interruptThrowsInterruptedExceptionAndClosesTheConnection() throws Exception {
    server.enqueue(FakeOpenAi.hang());
    CallThread<Prompt, ChatResponse> step = CallThread.start(client, HELLO, new TestCall());
    server.awaitRequests(1);

    step.interrupt();

    Throwable failure = step.failure();
    assertThat(failure).isInstanceOf(InterruptedException.class);
    assertThat(failure).hasMessageThat().isEqualTo(
        "Step 'draft' of pipeline 'Support' was interrupted while calling model 'gpt-4o-mini'");
    assertThat(server.awaitClientClosed(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void springAisOwnClassificationIsReadWithTheStatusItCarries() {
    // Spring AI's RestClient models report every 4xx as non-transient, a rate limit included.
    ModelException rateLimited = assertThrows(ModelException.class, () -> SpringAiModels.chat(
        failingWith(new NonTransientAiException("429 - {\"error\":\"slow down\"}")), "gpt-4o-mini")
        .call(HELLO, new TestCall()));
    ModelException badRequest = assertThrows(ModelException.class, () -> SpringAiModels.chat(
        failingWith(new NonTransientAiException("400 - bad")), "gpt-4o-mini")
        .call(HELLO, new TestCall()));
    ModelException transientFailure = assertThrows(ModelException.class, () -> SpringAiModels.chat(
        failingWith(new TransientAiException("the model is loading")), "gpt-4o-mini")
        .call(HELLO, new TestCall()));

    assertThat(rateLimited.retryable()).isTrue();
    assertThat(rateLimited.status()).hasValue(429);
    assertThat(rateLimited).hasMessageThat().endsWith(
        "(attempt 1, call 1): HTTP 429, rate limited: {\"error\":\"slow down\"}");
    assertThat(badRequest.retryable()).isFalse();
    assertThat(badRequest.status()).hasValue(400);
    assertThat(transientFailure.retryable()).isTrue();
    assertThat(transientFailure.status()).isEmpty();
    assertThat(transientFailure).hasMessageThat().endsWith(
        "(attempt 1, call 1): a failure Spring AI says is temporary: the model is loading");
  }

  @Test
  void springsHttpClientFailuresAreReadByTheirStatus() {
    ModelException rateLimited = assertThrows(ModelException.class, () -> SpringAiModels.chat(
        failingWith(HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
            HttpHeaders.EMPTY, "slow down".getBytes(UTF_8), UTF_8)), "gpt-4o-mini")
        .call(HELLO, new TestCall()));
    ModelException notFound = assertThrows(ModelException.class, () -> SpringAiModels.chat(
        failingWith(new RuntimeException("wrapped", HttpClientErrorException.create(
            HttpStatus.NOT_FOUND, "Not Found", HttpHeaders.EMPTY, new byte[0], UTF_8))), "gpt-4o-mini")
        .call(HELLO, new TestCall()));
    ModelException overloaded = assertThrows(ModelException.class, () -> SpringAiModels.streaming(
        prompt -> Flux.error(WebClientResponseException.create(503, "Service Unavailable",
            HttpHeaders.EMPTY, new byte[0], UTF_8)), "gpt-4o-mini")
        .call(HELLO, new TestCall()));

    assertThat(rateLimited.retryable()).isTrue();
    assertThat(rateLimited.status()).hasValue(429);
    assertThat(rateLimited).hasMessageThat().contains("(attempt 1, call 1): HTTP 429, rate limited: ");
    assertThat(notFound.retryable()).isFalse();
    assertThat(notFound).hasMessageThat().contains("HTTP 404, the model or the endpoint was not found");
    assertThat(overloaded.retryable()).isTrue();
    assertThat(overloaded.status()).hasValue(503);
  }

  @Test
  void textClientFailsWithoutRetryOnAReplyWithoutText() {
    ChatModel toolCaller = prompt -> new ChatResponse(
        List.of(new Generation(AssistantMessage.builder().content("")
            .toolCalls(List.of(new AssistantMessage.ToolCall("1", "function", "lookup", "{}")))
            .build(), ChatGenerationMetadata.builder().finishReason("TOOL_CALLS").build())),
        ChatResponseMetadata.builder().usage(new DefaultUsage(40, 12)).build());

    ModelException failure = assertThrows(ModelException.class, () -> SpringAiModels.text(
        SpringAiModels.chat(toolCaller, "gpt-4o-mini")).call("Hello", new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure).hasMessageThat().isEqualTo("Model 'gpt-4o-mini' answered step 'draft' of"
        + " pipeline 'Support' without text (finish reason TOOL_CALLS); to read tool calls or other"
        + " replies, call the chat client itself rather than SpringAiModels.text");
    assertThat(failure.inputTokens()).isEqualTo(40);
    assertThat(failure.outputTokens()).isEqualTo(12);
  }

  @Test
  void failureOutsideSpringAiIsThrownUnchanged() {
    IllegalStateException bug = new IllegalStateException("a bug in an advisor");

    Exception thrown = assertThrows(Exception.class,
        () -> SpringAiModels.chat(failingWith(bug), "gpt-4o-mini").call(HELLO, new TestCall()));

    assertThat(thrown).isSameInstanceAs(bug);
  }

  @Test
  void explicitNameIsWhatCallsArePricedAs() {
    assertThat(SpringAiModels.chat(OpenAiModels.openAi(server), "gpt-4o-mini-2024-07-18").model())
        .isEqualTo("gpt-4o-mini-2024-07-18");
  }

  @Test
  void modelWithoutADefaultNameNeedsOne() {
    ChatModel nameless = prompt -> new ChatResponse(List.of());

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> SpringAiModels.chat(nameless));

    assertThat(failure).hasMessageThat().endsWith(" has no default model, so Braid cannot tell what"
        + " its calls cost; set one in the model's options, such as .model(\"gpt-4o-mini\"), or"
        + " name it with SpringAiModels.chat(model, \"gpt-4o-mini\")");
  }

  @Test
  void blankExplicitNameIsRejected() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> SpringAiModels.chat(OpenAiModels.openAi(server), " "));

    assertThat(failure).hasMessageThat().isEqualTo("The model name to price calls as must not be"
        + " blank, was ' '; give the name the price table knows, such as \"gpt-4o-mini\"");
  }

  @Test
  void promptForAnotherModelIsRefusedBeforeItIsSent() {
    Prompt other = new Prompt("Hello", ChatOptions.builder().model("gpt-4o").build());

    ModelException failure = assertThrows(ModelException.class, () -> client.call(other, new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure).hasMessageThat().isEqualTo("Step 'draft' of pipeline 'Support' sent a"
        + " Prompt for model 'gpt-4o' through a client priced as 'gpt-4o-mini'; make a client for"
        + " that model with SpringAiModels.chat(model, \"gpt-4o\") (or streaming), so that Braid"
        + " prices its calls right");
    assertThat(server.requests()).isEmpty();
  }

  private static ChatModel failingWith(RuntimeException failure) {
    return prompt -> {
      throw failure;
    };
  }

  private static FakeOpenAi newServer() {
    try {
      return new FakeOpenAi();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
