package dev.braid.durable;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a run is queued: its priority (higher first, default 0), the earliest time a worker may
 * claim it (default: at once), and what to do when no live worker runs its pipeline (default: as
 * the {@link DurableRuns} says). Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * runs.submit(SubmitOptions.defaults().priority(10), "TicketPipeline", ticket);
 * }</pre>
 */
public final class SubmitOptions {
  private static final SubmitOptions DEFAULTS = new SubmitOptions(0, null, null);

  private final int priority;
  private final @Nullable Instant notBefore;
  private final @Nullable WhenNoWorker whenNoWorker;

  private SubmitOptions(int priority, @Nullable Instant notBefore,
      @Nullable WhenNoWorker whenNoWorker) {
    this.priority = priority;
    this.notBefore = notBefore;
    this.whenNoWorker = whenNoWorker;
  }

  public static SubmitOptions defaults() {
    return DEFAULTS;
  }

  /** Runs with a higher priority are claimed before those with a lower one. */
  public SubmitOptions priority(int priority) {
    return new SubmitOptions(priority, notBefore, whenNoWorker);
  }

  /** No worker claims the run before {@code notBefore}. */
  public SubmitOptions notBefore(Instant notBefore) {
    return new SubmitOptions(priority, Objects.requireNonNull(notBefore, "notBefore"),
        whenNoWorker);
  }

  /**
   * What the submit does when no live worker runs the pipeline, instead of what {@link
   * DurableRuns#whenNoWorker} says.
   */
  public SubmitOptions whenNoWorker(WhenNoWorker whenNoWorker) {
    return new SubmitOptions(priority, notBefore,
        Objects.requireNonNull(whenNoWorker, "whenNoWorker"));
  }

  /** What to do when no live worker runs the pipeline; null leaves it to {@link DurableRuns}. */
  public @Nullable WhenNoWorker whenNoWorker() {
    return whenNoWorker;
  }

  public int priority() {
    return priority;
  }

  /** The earliest claim time, or null for "as soon as a worker is free". */
  public @Nullable Instant notBefore() {
    return notBefore;
  }
}
