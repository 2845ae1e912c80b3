package dev.braid.langchain4j;

import dev.braid.runtime.ModelResponse;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * Reads the tokens a LangChain4j response reports into a {@link ModelResponse}, which Braid
 * prices. A provider that reports no usage is counted as zero tokens rather than failing a call
 * that succeeded.
 */
final class TokenCounts {
  private static final String OPEN_AI_PACKAGE = "dev.langchain4j.model.openai.";

  private TokenCounts() {}

  static ModelResponse<ChatResponse> of(ChatResponse response) {
    TokenUsage usage = response.tokenUsage();
    if (usage == null) {
      return ModelResponse.of(response, 0, 0);
    }
    long input = count(usage.inputTokenCount());
    long cached = Math.min(input, cached(usage));
    return new ModelResponse<>(response, input, cached, count(usage.outputTokenCount()));
  }

  /**
   * The input tokens served from the provider's cache. Only OpenAI's usage says so in a form that
   * is part of the input count; the class is checked by name so that other applications need not
   * have {@code langchain4j-open-ai}.
   */
  private static long cached(TokenUsage usage) {
    return usage.getClass().getName().startsWith(OPEN_AI_PACKAGE)
        ? OpenAiCachedTokens.of(usage)
        : 0;
  }

  static long count(@Nullable Integer tokens) {
    return tokens == null || tokens < 0 ? 0 : tokens;
  }
}
