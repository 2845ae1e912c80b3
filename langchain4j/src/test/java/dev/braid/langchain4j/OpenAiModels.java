package dev.braid.langchain4j;

import dev.braid.testing.openai.FakeOpenAi;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;

/** LangChain4j's OpenAI models pointed at a {@link FakeOpenAi}, as the README tells users to build them. */
final class OpenAiModels {
  private OpenAiModels() {}

  static OpenAiChatModel chat(FakeOpenAi server) {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  static OpenAiStreamingChatModel streaming(FakeOpenAi server) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test-key")
        .modelName("gpt-4o-mini")
        .timeout(Duration.ofSeconds(30))
        .build();
  }
}
