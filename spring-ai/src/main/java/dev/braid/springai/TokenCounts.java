package dev.braid.springai;

import dev.braid.runtime.ModelResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Reads the tokens in a Spring AI response's metadata into a {@link ModelResponse}, which Braid
 * prices. Cached input tokens are those Spring AI reports as read from the provider's cache, part
 * of the prompt tokens as OpenAI counts them. A provider that reports no usage is counted as zero
 * tokens rather than failing a call that succeeded.
 */
final class TokenCounts {
  private TokenCounts() {}

  static ModelResponse<ChatResponse> of(ChatResponse response) {
    return of(response, response.getMetadata().getUsage());
  }

  static <R> ModelResponse<R> of(R value, @Nullable Usage usage) {
    if (usage == null) {
      return ModelResponse.of(value, 0, 0);
    }
    long input = count(usage.getPromptTokens());
    long cached = Math.min(input, count(usage.getCacheReadInputTokens()));
    return new ModelResponse<>(value, input, cached, count(usage.getCompletionTokens()));
  }

  static long count(@Nullable Number tokens) {
    return tokens == null || tokens.longValue() < 0 ? 0 : tokens.longValue();
  }
}
