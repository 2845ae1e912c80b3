package dev.braid.springai;

import java.time.Duration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Spring AI's OpenAI model pointed at a {@link FakeOpenAi}, as the README tells users to build it. */
final class OpenAiModels {
  private OpenAiModels() {}

  /** The model's own timeout, far longer than any test here takes unless it hangs. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /**
   * A timeout short enough to wait for: the OpenAI SDK gives up an abandoned stream's connection
   * only at the provider's next bytes or at the model's timeout.
   */
  static final Duration SHORT_TIMEOUT = Duration.ofSeconds(5);

  static OpenAiChatModel openAi(FakeOpenAi server) {
    return openAi(server, TIMEOUT);
  }

  static OpenAiChatModel openAi(FakeOpenAi server, Duration timeout) {
    return OpenAiChatModel.builder()
        .options(OpenAiChatOptions.builder()
            .baseUrl(server.baseUrl())
            .apiKey("test-key")
            .model("gpt-4o-mini")
            .maxRetries(0)
            .timeout(timeout)
            .build())
        .build();
  }
}
