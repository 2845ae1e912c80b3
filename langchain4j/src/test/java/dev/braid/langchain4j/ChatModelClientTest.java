package dev.braid.langchain4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelResponse;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LangChain4jModels#chat}, called directly over LangChain4j's real OpenAI client: usage,
 * the classification of each failure, and interrupts.
 */
@Timeout(30)
class ChatModelClientTest {
  private static final ChatRequest HELLO =
      ChatRequest.builder().messages(UserMessage.from("Hello")).build();

  private final FakeOpenAi server = newServer();
  private final ModelClient<ChatRequest, ChatResponse> client =
      LangChain4jModels.chat(OpenAiModels.chat(server));

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void returnsTheReplyWithItsTokensAndIsPricedAsTheModelsName() throws Exception {
    server.enqueue(FakeOpenAi.completion("Hi there", 1_000, 200, 500));

    ModelResponse<ChatResponse> response = client.call(HELLO, new TestCall());

    assertThat(client.model()).isEqualTo("gpt-4o-mini");
    assertThat(response.value().aiMessage().text()).isEqualTo("Hi there");
    assertThat(response.inputTokens()).isEqualTo(1_000);
    assertThat(response.cachedInputTokens()).isEqualTo(200);
    assertThat(response.outputTokens()).isEqualTo(500);
    assertThat(server.requests().getFirst()).containsMatch("\"model\"\\s*:\\s*\"gpt-4o-mini\"");
  }

  @Test
  void textClientSendsAPromptAndReturnsTheReplysText() throws Exception {
    server.enqueue(FakeOpenAi.completion("Hi there", 12, 0, 3));

    ModelResponse<String> response = LangChain4jModels.text(client).call("Hello", new TestCall());

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
        + " pipeline 'Support' (attempt 1, call 1): HTTP 429, rate limited: {\"error\":{\"message\":"
        + "\"Slow down\",\"type\":\"rate_limit_exceeded\"}}");
  }

  @Test
  void serverErrorIsRetryable() {
    server.enqueue(FakeOpenAi.error(503, "overloaded", "Try later"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.status()).hasValue(503);
    assertThat(failure).hasMessageThat().contains("HTTP 503, the provider failed");
  }

  @Test
  void badRequestIsNotRetryable() {
    server.enqueue(FakeOpenAi.error(400, "invalid_request_error", "max_tokens is too large"));

    ModelException failure = assertThrows(ModelException.class, () -> client.call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.status()).hasValue(400);
    assertThat(failure).hasMessageThat().contains("HTTP 400, the request was rejected, so the call"
        + " is not retried; fix the request: {\"error\":{\"message\":\"max_tokens is too large\"");
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
    ChatModel unreachable = OpenAiChatModel.builder().baseUrl("http://127.0.0.1:" + closedPort + "/v1")
        .apiKey("test-key").modelName("gpt-4o-mini").maxRetries(0).build();

    ModelException failure = assertThrows(ModelException.class,
        () -> LangChain4jModels.chat(unreachable).call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure).hasMessageThat().startsWith("Model 'gpt-4o-mini' failed for step 'draft' of"
        + " pipeline 'Support' (attempt 1, call 1): the connection to http://127.0.0.1:" + closedPort
        + "/v1 failed; check that the model server is running and reachable there, and that this"
        + " is the model's base URL: java.");
  }

  @Test
  void aConnectionFailureOfAModelWithoutAKnownEndpointSaysWhatToCheck() {
    ChatModel custom = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        throw new UncheckedIOException(new ConnectException("Connection refused"));
      }

      @Override
      public ChatRequestParameters defaultRequestParameters() {
        return ChatRequestParameters.builder().modelName("gpt-4o-mini").build();
      }
    };

    ModelException failure = assertThrows(ModelException.class,
        () -> LangChain4jModels.chat(custom).call(HELLO, new TestCall()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure).hasMessageThat().isEqualTo("Model 'gpt-4o-mini' failed for step 'draft' of"
        + " pipeline 'Support' (attempt 1, call 1): the connection to the model server failed;"
        + " check that the server is running and reachable, and the model's base URL:"
        + " java.net.ConnectException: Connection refused");
  }

  @Test
  void interruptThrowsInterruptedExceptionAndClosesTheConnection() throws Exception {
    server.enqueue(FakeOpenAi.hang());
    CallThread<ChatRequest, ChatResponse> step = CallThread.start(client, HELLO, new TestCall());
    while (server.requests().isEmpty()) {
      Thread.sleep(5);
    }

    step.interrupt();

    Throwable failure = step.failure();
    assertThat(failure).isInstanceOf(InterruptedException.class);
    assertThat(failure).hasMessageThat().isEqualTo(
        "Step 'draft' of pipeline 'Support' was interrupted while calling model 'gpt-4o-mini'");
    assertThat(server.awaitClientClosed(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void textClientFailsWithoutRetryOnAReplyWithoutText() {
    ChatModel toolCaller = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder()
            .aiMessage(AiMessage.from(ToolExecutionRequest.builder().name("lookup").arguments("{}").build()))
            .finishReason(FinishReason.TOOL_EXECUTION)
            .tokenUsage(new TokenUsage(40, 12))
            .build();
      }
    };

    ModelException failure = assertThrows(ModelException.class, () -> LangChain4jModels.text(
        LangChain4jModels.chat(toolCaller, "gpt-4o-mini")).call("Hello", new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure).hasMessageThat().isEqualTo("Model 'gpt-4o-mini' answered step 'draft' of"
        + " pipeline 'Support' without text (finish reason TOOL_EXECUTION); to read tool requests or"
        + " other replies, call the chat client itself rather than LangChain4jModels.text");
    assertThat(failure.inputTokens()).isEqualTo(40);
    assertThat(failure.outputTokens()).isEqualTo(12);
  }

  @Test
  void failureOutsideLangChain4jIsThrownUnchanged() {
    IllegalStateException bug = new IllegalStateException("a bug in a listener");
    ChatModel broken = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        throw bug;
      }
    };

    Exception thrown = assertThrows(Exception.class,
        () -> LangChain4jModels.chat(broken, "gpt-4o-mini").call(HELLO, new TestCall()));

    assertThat(thrown).isSameInstanceAs(bug);
  }

  @Test
  void explicitNameIsWhatCallsArePricedAs() {
    ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("test-key")
        .modelName("my-deployment").build();

    assertThat(LangChain4jModels.chat(model, "gpt-4o-mini").model()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void modelWithoutADefaultNameNeedsOne() {
    ChatModel nameless = new ChatModel() {};

    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> LangChain4jModels.chat(nameless));

    assertThat(failure).hasMessageThat().endsWith(" has no default model name, so Braid cannot tell"
        + " what its calls cost; set one on the model's builder, such as .modelName(\"gpt-4o-mini\"),"
        + " or name it with LangChain4jModels.chat(model, \"gpt-4o-mini\")");
  }

  @Test
  void blankExplicitNameIsRejected() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> LangChain4jModels.chat(OpenAiModels.chat(server), " "));

    assertThat(failure).hasMessageThat().isEqualTo("The model name to price calls as must not be"
        + " blank, was ' '; give the name the price table knows, such as \"gpt-4o-mini\"");
  }

  @Test
  void requestForAnotherModelIsRefusedBeforeItIsSent() {
    ChatRequest other = HELLO.toBuilder().modelName("gpt-4o").build();

    ModelException failure = assertThrows(ModelException.class, () -> client.call(other, new TestCall()));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure).hasMessageThat().isEqualTo("Step 'draft' of pipeline 'Support' sent a"
        + " ChatRequest for model 'gpt-4o' through a client priced as 'gpt-4o-mini'; make a client for"
        + " that model with LangChain4jModels.chat(model, \"gpt-4o\") (or streaming), so that Braid"
        + " prices its calls right");
    assertThat(server.requests()).isEmpty();
  }

  private static FakeOpenAi newServer() {
    try {
      return new FakeOpenAi();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
