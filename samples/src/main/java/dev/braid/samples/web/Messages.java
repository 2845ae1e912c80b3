package dev.braid.samples.web;

import org.jspecify.annotations.Nullable;

/** The small bodies the service reads and writes besides tickets and runs. */
public final class Messages {
  private Messages() {}

  /**
   * What {@code POST /tickets} and {@code POST /runs/{id}/resume} answer: the run's id, and that
   * it is queued; its {@code Location} header points to {@code /runs/{id}}.
   */
  public record Accepted(String id, String status) {}

  /** The body of {@code POST /runs/{id}/resume}: the answer to the run's question. */
  public record Resume(@Nullable String orderNumber) {}

  /** Why a request was refused. */
  public record Problem(String message) {}
}
