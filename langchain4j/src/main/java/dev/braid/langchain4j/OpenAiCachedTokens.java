package dev.braid.langchain4j;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Reads OpenAI's cached input tokens. A class of its own, loaded only for a usage of OpenAI's, so
 * that applications without {@code langchain4j-open-ai} never resolve its types.
 */
final class OpenAiCachedTokens {
  private OpenAiCachedTokens() {}

  static long of(TokenUsage usage) {
    if (!(usage instanceof OpenAiTokenUsage openAi) || openAi.inputTokensDetails() == null) {
      return 0;
    }
    return TokenCounts.count(openAi.inputTokensDetails().cachedTokens());
  }
}
