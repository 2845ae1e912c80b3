package dev.braid.samples.ticket;

/** What the ticket pipeline asks a model: a task, such as {@code "classify"}, and its text. */
public record Prompt(String task, String text) {}
