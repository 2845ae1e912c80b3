package dev.braid.durable;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a run is queued: its priority (higher first, default 0) and the earliest time a worker may
 * claim it (default: at once). Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * runs.submit(SubmitOptions.defaults().priority(10), "TicketPipeline", ticket);
 * }</pre>
 */
public final class SubmitOptions {
  private static final SubmitOptions DEFAULTS = new SubmitOptions(0, null);

  private final int priority;
  private final @Nullable Instant notBefore;

  private SubmitOptions(int priority, @Nullable Instant notBefore) {
    this.priority = priority;
    this.notBefore = notBefore;
  }

  public static SubmitOptions defaults() {
    return DEFAULTS;
  }

  /** Runs with a higher priority are claimed before those with a lower one. */
  public SubmitOptions priority(int priority) {
    return new SubmitOptions(priority, notBefore);
  }

  /** No worker claims the run before {@code notBefore}. */
  public SubmitOptions notBefore(Instant notBefore) {
    return new SubmitOptions(priority, Objects.requireNonNull(notBefore, "notBefore"));
  }

  public int priority() {
    return priority;
  }

  /** The earliest claim time, or null for "as soon as a worker is free". */
  public @Nullable Instant notBefore() {
    return notBefore;
  }
}
