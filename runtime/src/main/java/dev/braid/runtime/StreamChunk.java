package dev.braid.runtime;

import java.util.Objects;

/**
 * A piece of output a step streamed while it ran, such as a few tokens of a model's reply.
 *
 * @param step the step that streamed it
 * @param attempt the step's attempt; a retried step streams its output again under a higher
 *     number, so a consumer can drop what the failed attempt had sent
 * @param text the piece itself
 */
public record StreamChunk(String step, int attempt, String text) {
  public StreamChunk {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(text, "text");
  }
}
