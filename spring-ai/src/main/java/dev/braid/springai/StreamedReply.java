package dev.braid.springai;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Builds the complete reply from the parts of a streamed one: the text and tool calls in order,
 * the last finish reason, and the usage. Providers report usage in the last part (OpenAI) or
 * spread over several (input tokens first, output tokens last), so each count is the last one
 * above zero. Used by the step's thread only.
 */
final class StreamedReply {
  private final StringBuilder text = new StringBuilder();
  private final List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
  private ChatGenerationMetadata generation = ChatGenerationMetadata.NULL;
  private String id = "";
  private String model = "";
  private long promptTokens;
  private long completionTokens;
  private long cacheReadTokens;
  private long cacheWriteTokens;

  /** Adds a part, returning its text to stream, or {@code null} if it has none. */
  @Nullable String add(ChatResponse part) {
    ChatResponseMetadata metadata = part.getMetadata();
    if (!metadata.getId().isEmpty()) {
      id = metadata.getId();
    }
    if (!metadata.getModel().isEmpty()) {
      model = metadata.getModel();
    }
    Usage usage = metadata.getUsage();
    promptTokens = latest(promptTokens, usage.getPromptTokens());
    completionTokens = latest(completionTokens, usage.getCompletionTokens());
    cacheReadTokens = latest(cacheReadTokens, usage.getCacheReadInputTokens());
    cacheWriteTokens = latest(cacheWriteTokens, usage.getCacheWriteInputTokens());
    Generation result = part.getResult();
    if (result == null) {
      return null;
    }
    if (result.getMetadata().getFinishReason() != null) {
      generation = result.getMetadata();
    }
    toolCalls.addAll(result.getOutput().getToolCalls());
    String chunk = result.getOutput().getText();
    if (chunk == null || chunk.isEmpty()) {
      return null;
    }
    text.append(chunk);
    return chunk;
  }

  /** The complete reply, as a blocking call would have returned it. */
  ChatResponse complete() {
    AssistantMessage message = AssistantMessage.builder()
        .content(text.toString())
        .toolCalls(List.copyOf(toolCalls))
        .build();
    Usage usage = new DefaultUsage(Math.toIntExact(promptTokens),
        Math.toIntExact(completionTokens), null, null,
        cacheReadTokens == 0 ? null : cacheReadTokens, cacheWriteTokens == 0 ? null : cacheWriteTokens);
    return new ChatResponse(List.of(new Generation(message, generation)),
        ChatResponseMetadata.builder().id(id).model(model).usage(usage).build());
  }

  private static long latest(long current, @Nullable Number reported) {
    long tokens = TokenCounts.count(reported);
    return tokens > 0 ? tokens : current;
  }
}
