package dev.braid.samples.ticket;

/** A model's answer and what it cost in tokens. */
public record ModelReply(String text, int inputTokens, int outputTokens) {}
