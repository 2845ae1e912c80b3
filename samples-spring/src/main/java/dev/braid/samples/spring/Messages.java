package dev.braid.samples.spring;

import org.jspecify.annotations.Nullable;

/** The small bodies the service reads and writes besides tickets and runs. */
final class Messages {
  private Messages() {}

  /**
   * What {@code POST /tickets} and {@code POST /runs/{id}/resume} answer: the run's id, and that
   * it is queued; its {@code Location} header points to {@code /runs/{id}}.
   */
  record Accepted(String id, String status) {}

  /** The body of {@code POST /runs/{id}/resume}: the answer to the run's question. */
  record Resume(@Nullable String orderNumber) {}

  /** Why a request was refused. */
  record Problem(String message) {}
}
